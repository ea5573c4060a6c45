package io.auditgap.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.facts.Containment;
import io.auditgap.facts.HostIdentity;
import io.auditgap.review.Review;
import io.auditgap.scan.CollectionStats;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.TerminalText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report.json}: the complete, machine-readable result (schema {@code
 * docs/report-schema.json}, version {@value #SCHEMA_VERSION}). Keys are written in a fixed order,
 * references sorted by framework, so the same result always gives the same bytes.
 *
 * <p>Evidence text is kept in full (the collector already caps it). Besides what JSON requires
 * (quotes, backslash, C0 controls as {@code \\u00XX}), DEL, C1 controls, Unicode format characters
 * (bidi overrides, zero-width, BOM), line/paragraph separators and surrogates are written as {@code
 * \\uXXXX} escapes, so the file is safe to {@code cat} to a terminal and still parses back to
 * exactly the same strings.
 */
public final class JsonReportWriter implements ReportWriter {
  public static final int SCHEMA_VERSION = 1;
  public static final String TOOL_NAME = "auditgap";

  static final ObjectMapper MAPPER = mapper();
  private static final ObjectWriter WRITER = MAPPER.writer(prettyPrinter());

  @Override
  public String format() {
    return "json";
  }

  @Override
  public String fileName() {
    return "report.json";
  }

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    WRITER.writeValue(out, toTree(result));
    out.write('\n');
    out.flush();
  }

  /** The report as a string. */
  public String toJson(ScanResult result) throws IOException {
    StringWriter w = new StringWriter();
    write(result, w);
    return w.toString();
  }

  /** The report as a Jackson tree, keys in output order. */
  public ObjectNode toTree(ScanResult r) {
    JsonNodeFactory nf = JsonNodeFactory.instance;
    ObjectNode root = nf.objectNode();
    root.put("schema_version", SCHEMA_VERSION);
    ObjectNode tool = root.putObject("tool");
    tool.put("name", TOOL_NAME);
    tool.put("version", r.toolVersion());
    ObjectNode scan = root.putObject("scan");
    scan.put("started_at", instant(r.startedAt()));
    scan.put("finished_at", instant(r.finishedAt()));
    scan.put("inventory", r.inventory());
    scan.put("profile", r.profile());

    ReportSummary s = ReportSummary.of(r);
    ObjectNode summary = root.putObject("summary");
    summary.put("hosts", s.hosts());
    summary.put("assessed", s.assessed());
    summary.put("not_assessed", s.notAssessed());
    ObjectNode byStatus = summary.putObject("by_status");
    for (Map.Entry<HostStatus, Integer> e : s.byHostStatus().entrySet()) {
      byStatus.put(e.getKey().id(), e.getValue());
    }
    ObjectNode findings = summary.putObject("findings_by_status");
    for (Map.Entry<Status, Integer> e : s.findingsByStatus().entrySet()) {
      findings.put(e.getKey().id(), e.getValue());
    }
    ObjectNode gaps = summary.putObject("gaps_by_severity");
    for (Map.Entry<Severity, Integer> e : s.gapsBySeverity().entrySet()) {
      gaps.put(e.getKey().id(), e.getValue());
    }

    ArrayNode hosts = root.putArray("hosts");
    for (HostResult h : r.hosts()) {
      hosts.add(host(h, r.review()));
    }
    root.set("frameworks", frameworks(ControlStates.of(r)));
    ReviewJson.root(root, r.review());
    return root;
  }

  /** Derived from the findings (a reader recomputes it), kept for consumers of the file. */
  private static ArrayNode frameworks(List<ControlStates.Framework> frameworks) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (ControlStates.Framework fw : frameworks) {
      ObjectNode o = out.addObject();
      o.put("name", fw.name());
      ObjectNode counts = o.putObject("controls_by_state");
      for (String state : ControlStates.ORDER) {
        counts.put(state, fw.count(state));
      }
      ArrayNode controls = o.putArray("controls");
      for (ControlStates.Control c : fw.controls()) {
        ObjectNode x = controls.addObject();
        x.put("id", c.id());
        x.put("state", c.state());
        x.put("reason", c.reason());
        ArrayNode checks = x.putArray("checks");
        c.checks().forEach(checks::add);
        ArrayNode gapHosts = x.putArray("gap_hosts");
        c.gapHosts().values().forEach(gapHosts::add);
      }
    }
    return out;
  }

  private static ObjectNode host(HostResult h, Review review) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", h.name());
    o.put("address", h.address());
    o.put("status", h.status() == null ? null : h.status().id());
    o.put("reason", h.reason());
    o.put("host_key_fingerprint", h.hostKeyFingerprint());
    CollectionStats st = h.stats();
    if (st == null) {
      o.putNull("collection");
    } else {
      ObjectNode c = o.putObject("collection");
      c.put("bytes", st.bytes());
      c.put("items", st.items());
      c.put("exec_channels", st.execChannels());
      c.put("duration_ms", st.durationMillis());
    }
    o.set("identity", identity(h.identity()));
    ArrayNode fs = o.putArray("findings");
    for (Finding f : h.findings()) {
      ObjectNode fo = finding(f);
      ReviewJson.finding(fo, review, h.name(), f.check());
      fs.add(fo);
    }
    return o;
  }

  private static ObjectNode identity(HostIdentity id) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("os", id.os());
    o.put("kernel", id.kernel());
    o.put("arch", id.arch());
    o.put("virtualization", id.virtualization());
    o.put("init", id.init());
    o.put("host_time", id.hostTime());
    Containment c = id.containment();
    if (c == null) {
      o.putNull("container");
    } else {
      ObjectNode x = o.putObject("container");
      x.put("container", c.container());
      x.put("type", c.type());
      x.put("certain", c.certain());
      ArrayNode markers = x.putArray("markers");
      c.markers().forEach(markers::add);
      x.put("kernel_audit", c.kernelAudit());
      x.put("decision", c.summary());
    }
    return o;
  }

  private static ObjectNode finding(Finding f) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("check", f.check());
    o.put("title", f.title());
    o.put("severity", f.severity() == null ? null : f.severity().id());
    o.put("status", f.status() == null ? null : f.status().id());
    o.put("reason", f.reason());
    ArrayNode ev = o.putArray("evidence");
    for (Evidence e : f.evidence()) {
      ObjectNode x = ev.addObject();
      x.put("source", e.source());
      x.put("line", e.line());
      x.put("text", e.text());
      x.put("note", e.note());
    }
    o.put("remediation", f.remediation());
    o.put("root_cause", f.rootCause());
    ObjectNode refs = o.putObject("references");
    for (Map.Entry<String, List<String>> e : new TreeMap<>(f.references()).entrySet()) {
      ArrayNode ids = refs.putArray(e.getKey());
      for (String id : e.getValue()) {
        ids.add(id);
      }
    }
    return o;
  }

  private static String instant(Instant i) {
    return i == null ? null : i.toString();
  }

  private static ObjectMapper mapper() {
    JsonFactory f = new JsonFactory();
    f.setCharacterEscapes(new SafeEscapes());
    f.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return new ObjectMapper(f);
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter lf = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter().withObjectIndenter(lf).withArrayIndenter(lf);
  }

  /** JSON's own escapes plus \\uXXXX for every character {@link TerminalText} would neutralise. */
  static final class SafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    SafeEscapes() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if ((ch >= 0x80 && ch <= 0x9f) || Character.isSurrogate((char) ch) || unsafe(ch)) {
        return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
      }
      return null;
    }

    private static boolean unsafe(int ch) {
      int type = Character.getType(ch);
      return type == Character.FORMAT
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.CONTROL;
    }
  }
}
