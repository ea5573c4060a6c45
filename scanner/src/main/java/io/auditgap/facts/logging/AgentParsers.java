package io.auditgap.facts.logging;

import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the few settings that matter from each agent's own file format: what it reads (auth log,
 * journal, audit log) and where it sends. Line-based and forgiving: an agent file we cannot make
 * sense of yields no inputs, never an exception.
 */
public final class AgentParsers {
  private static final Pattern AUTH_LOG =
      Pattern.compile("/var/log/(auth\\.log|secure)\\b|/var/log/?$|/var/log/\\*$");
  private static final Pattern AUDIT_LOG = Pattern.compile("/var/log/audit(/|$|\\b)");

  private AgentParsers() {}

  static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|\\]$", "");
    return h.isEmpty()
        || h.startsWith("127.")
        || h.equals("localhost")
        || h.equals("::1")
        || h.startsWith("localhost.")
        || h.equals("0.0.0.0");
  }

  /** Wazuh {@code ossec.conf}: {@code <client><server><address>} and {@code <localfile>}s. */
  public static AgentConfig wazuh(String file, String text) {
    String[] lines = text.split("\n", -1);
    SourceLine output = null;
    List<SourceLine> auth = new ArrayList<>();
    List<SourceLine> audit = new ArrayList<>();
    String format = null;
    boolean inComment = false;
    Pattern tag = Pattern.compile("<(address|log_format|location)>\\s*([^<]*?)\\s*</\\1>");
    for (int n = 0; n < lines.length; n++) {
      String l = lines[n];
      if (inComment) {
        int end = l.indexOf("-->");
        if (end < 0) {
          continue;
        }
        l = l.substring(end + 3);
        inComment = false;
      }
      int start = l.indexOf("<!--");
      if (start >= 0) {
        int end = l.indexOf("-->", start);
        inComment = end < 0;
        l = l.substring(0, start) + (end < 0 ? "" : l.substring(end + 3));
      }
      if (l.contains("<localfile>")) {
        format = null;
      }
      Matcher m = tag.matcher(l);
      while (m.find()) {
        SourceLine where = new SourceLine(file, n + 1, lines[n]);
        String v = m.group(2);
        switch (m.group(1)) {
          case "address" -> {
            if (!loopback(v) && !v.equals("IP") && !v.equals("MANAGER_IP")) {
              output = where;
            }
          }
          case "log_format" -> {
            format = v.toLowerCase(Locale.ROOT);
          }
          default -> {
            if ("audit".equals(format) || AUDIT_LOG.matcher(v).find()) {
              audit.add(where);
            } else if ("journald".equals(format) || AUTH_LOG.matcher(v).find()) {
              auth.add(where);
            }
          }
        }
      }
    }
    return new AgentConfig("Wazuh agent", "wazuh-agent", output, auth, audit, true, null);
  }

  /** Splunk UF {@code inputs.conf} + {@code outputs.conf} stanzas. */
  public static AgentConfig splunk(
      String inputsFile, String inputs, String outputsFile, String outputs) {
    List<SourceLine> auth = new ArrayList<>();
    List<SourceLine> audit = new ArrayList<>();
    List<Stanza> in = stanzas(inputsFile, inputs);
    for (Stanza s : in) {
      String h = s.header().text().toLowerCase(Locale.ROOT);
      if (s.disabled()) {
        continue;
      }
      if (h.startsWith("[monitor://")) {
        String path = h.substring(11, h.length() - 1);
        if (AUDIT_LOG.matcher(path).find() || path.equals("/var/log") || path.equals("/var/log/")) {
          audit.add(s.header());
        }
        if (AUTH_LOG.matcher(path).find()) {
          auth.add(s.header());
        }
      } else if (h.startsWith("[journald://")) {
        auth.add(s.header());
      }
    }
    SourceLine output = null;
    Boolean tls = null;
    for (Stanza s : stanzas(outputsFile, outputs)) {
      if (!s.header().text().toLowerCase(Locale.ROOT).startsWith("[tcpout")) {
        continue;
      }
      for (SourceLine kv : s.lines()) {
        String k = key(kv.text());
        String v = value(kv.text());
        if (k.equals("server") && !v.isEmpty() && !loopback(v.split(":")[0])) {
          output = kv;
        }
        if (k.equals("sslverifyservercert")) {
          tls = v.equalsIgnoreCase("true");
        }
      }
    }
    return new AgentConfig(
        "Splunk Universal Forwarder", "SplunkForwarder", output, auth, audit, tls, null);
  }

  private record Stanza(SourceLine header, List<SourceLine> lines, boolean disabled) {}

  private static List<Stanza> stanzas(String file, String text) {
    List<Stanza> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    String[] lines = text.split("\n", -1);
    SourceLine header = null;
    List<SourceLine> body = new ArrayList<>();
    boolean disabled = false;
    for (int n = 0; n <= lines.length; n++) {
      String l = n < lines.length ? lines[n].strip() : "[";
      if (l.startsWith("[")) {
        if (header != null) {
          out.add(new Stanza(header, body, disabled));
        }
        if (n == lines.length) {
          break;
        }
        header = new SourceLine(file, n + 1, l);
        body = new ArrayList<>();
        disabled = false;
      } else if (!l.isEmpty() && !l.startsWith("#") && header != null) {
        SourceLine kv = new SourceLine(file, n + 1, l);
        body.add(kv);
        if (key(l).equals("disabled")) {
          String v = value(l).toLowerCase(Locale.ROOT);
          disabled = v.equals("1") || v.equals("true");
        }
      }
    }
    return out;
  }

  private static String key(String l) {
    int eq = l.indexOf('=');
    return eq < 0 ? "" : l.substring(0, eq).strip().toLowerCase(Locale.ROOT);
  }

  private static String value(String l) {
    int eq = l.indexOf('=');
    return eq < 0 ? "" : l.substring(eq + 1).strip();
  }

  /**
   * Beats ({@code filebeat.yml}, {@code auditbeat.yml}) and enabled Filebeat modules: YAML read
   * line by line, ignoring comments; enough to see inputs, modules and the output hosts.
   */
  public static AgentConfig beat(
      String agent, String unit, String file, String text, List<String[]> modules) {
    List<SourceLine> auth = new ArrayList<>();
    List<SourceLine> audit = new ArrayList<>();
    SourceLine output = null;
    Boolean tls = null;
    String[] lines = text.split("\n", -1);
    boolean inOutput = false;
    for (int n = 0; n < lines.length; n++) {
      String raw = lines[n];
      String l = raw.replaceAll("\\s+#.*$", "");
      String t = l.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      SourceLine where = new SourceLine(file, n + 1, raw);
      if (!raw.startsWith(" ") && !raw.startsWith("\t") && !raw.startsWith("-")) {
        inOutput =
            t.startsWith("output.")
                && !t.startsWith("output.console")
                && !t.startsWith("output.file");
      }
      if (t.matches("-?\\s*module:\\s*auditd\\s*")) {
        audit.add(where);
      }
      if (t.matches("-?\\s*type:\\s*journald\\s*")) {
        auth.add(where);
      }
      if (t.startsWith("- /") || t.startsWith("-/") || t.startsWith("paths:")) {
        if (AUDIT_LOG.matcher(t).find()) {
          audit.add(where);
        } else if (AUTH_LOG.matcher(t.replaceAll("[\"'\\]]", "")).find()) {
          auth.add(where);
        }
      }
      if (inOutput && t.startsWith("hosts:")) {
        String hosts = t.substring(6);
        if (!hosts.isBlank()
            && !loopback(hosts.replaceAll("[\\[\\]\"' ]|https?://", "").split("[:,]")[0])) {
          output = where;
        }
      }
      if (inOutput && t.startsWith("ssl.verification_mode:")) {
        tls = !t.contains("none");
      }
      if (inOutput && (t.startsWith("ssl.certificate_authorities") || t.contains("https://"))) {
        tls = tls == null ? Boolean.TRUE : tls;
      }
    }
    for (String[] m : modules) {
      // m = {path, content}: an enabled module file (no ".disabled" suffix)
      String name = m[0].substring(m[0].lastIndexOf('/') + 1);
      String[] ml = m[1].split("\n", -1);
      boolean enabled = false;
      for (int n = 0; n < ml.length; n++) {
        String t = ml[n].strip();
        if (t.startsWith("enabled:")) {
          enabled = t.contains("true");
          if (enabled && name.startsWith("auditd")) {
            audit.add(new SourceLine(m[0], n + 1, ml[n]));
          }
          if (enabled && name.startsWith("system")) {
            auth.add(new SourceLine(m[0], n + 1, ml[n]));
            break;
          }
        }
      }
    }
    return new AgentConfig(agent, unit, output, auth, audit, tls, null);
  }

  /** Fluent Bit classic format: {@code [INPUT]}/{@code [OUTPUT]} sections with Key Value lines. */
  public static AgentConfig fluentBit(String unit, String file, String text) {
    List<SourceLine> auth = new ArrayList<>();
    List<SourceLine> audit = new ArrayList<>();
    SourceLine output = null;
    Boolean tls = null;
    String section = "";
    String name = "";
    boolean outTls = false;
    boolean outVerify = true;
    SourceLine outHost = null;
    String[] lines = text.split("\n", -1);
    for (int n = 0; n <= lines.length; n++) {
      String t = n < lines.length ? lines[n].strip() : "[END]";
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (t.startsWith("[")) {
        if (section.equals("OUTPUT")
            && outHost != null
            && !name.equals("stdout")
            && !name.equals("null")) {
          output = outHost;
          tls = outTls && outVerify;
        }
        section = t.replaceAll("[\\[\\]]", "").strip().toUpperCase(Locale.ROOT);
        name = "";
        outTls = false;
        outVerify = true;
        outHost = null;
        continue;
      }
      String[] kv = t.split("\\s+", 2);
      String k = kv[0].toLowerCase(Locale.ROOT);
      String v = kv.length > 1 ? kv[1].strip() : "";
      SourceLine where = new SourceLine(file, n + 1, lines[n]);
      if (k.equals("name")) {
        name = v.toLowerCase(Locale.ROOT);
        if (section.equals("INPUT") && name.equals("systemd")) {
          auth.add(where);
        }
      } else if (section.equals("INPUT") && k.equals("path")) {
        if (AUDIT_LOG.matcher(v).find()) {
          audit.add(where);
        } else if (AUTH_LOG.matcher(v).find()) {
          auth.add(where);
        }
      } else if (section.equals("OUTPUT") && k.equals("host") && !loopback(v)) {
        outHost = where;
      } else if (section.equals("OUTPUT") && k.equals("tls")) {
        outTls = v.equalsIgnoreCase("on") || v.equalsIgnoreCase("true");
      } else if (section.equals("OUTPUT") && k.equals("tls.verify")) {
        outVerify = !(v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false"));
      }
    }
    return new AgentConfig("Fluent Bit", unit, output, auth, audit, tls, null);
  }

  /** Vector YAML/TOML: sources of type journald or file, sinks with a remote address. */
  public static AgentConfig vector(String file, String text) {
    List<SourceLine> auth = new ArrayList<>();
    List<SourceLine> audit = new ArrayList<>();
    SourceLine output = null;
    boolean inSinks = false;
    String[] lines = text.split("\n", -1);
    Pattern addr =
        Pattern.compile("(address|endpoint|uri|endpoints)\\s*[:=]\\s*\\[?\\s*\"?([^\"\\s,\\]]+)");
    for (int n = 0; n < lines.length; n++) {
      String t = lines[n].strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      SourceLine where = new SourceLine(file, n + 1, lines[n]);
      if (t.startsWith("sinks") || t.startsWith("[sinks")) {
        inSinks = true;
      } else if (t.startsWith("sources")
          || t.startsWith("[sources")
          || t.startsWith("transforms")
          || t.startsWith("[transforms")) {
        inSinks = false;
      }
      if (t.matches("type\\s*[:=]\\s*\"?journald\"?")) {
        auth.add(where);
      }
      if (t.contains("/var/log/")) {
        if (AUDIT_LOG.matcher(t).find()) {
          audit.add(where);
        } else if (AUTH_LOG.matcher(t.replaceAll("[\"',\\]]", "")).find()) {
          auth.add(where);
        }
      }
      Matcher m = addr.matcher(t);
      if (inSinks && m.find()) {
        String host = m.group(2).replaceAll("^[a-z]+://", "").split("[:/]")[0];
        if (!loopback(host)) {
          output = where;
        }
      }
    }
    return new AgentConfig("Vector", "vector", output, auth, audit, null, null);
  }
}
