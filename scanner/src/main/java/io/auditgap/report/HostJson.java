package io.auditgap.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.auditgap.checks.Finding;
import io.auditgap.facts.Containment;
import io.auditgap.facts.HostIdentity;
import io.auditgap.review.Review;
import io.auditgap.scan.CollectionStats;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import java.util.ArrayList;
import java.util.List;

/** One host in {@code report.json}. {@code collection} is null for a host never collected. */
record HostJson(
    @JsonProperty(required = true) String name,
    @JsonProperty(required = true) String address,
    @JsonProperty(required = true) HostStatus status,
    @JsonProperty(required = true) String reason,
    @JsonProperty(required = true) String hostKeyFingerprint,
    @JsonProperty(required = true) Collection collection,
    Identity identity,
    @JsonProperty(required = true) List<FindingJson> findings) {

  HostJson {
    ReportJson.present(findings, "findings");
  }

  static HostJson of(HostResult h, Review review) {
    List<FindingJson> findings = new ArrayList<>();
    for (Finding f : h.findings()) {
      findings.add(FindingJson.of(f, h.name(), review));
    }
    CollectionStats st = h.stats();
    return new HostJson(
        h.name(),
        h.address(),
        h.status(),
        h.reason(),
        h.hostKeyFingerprint(),
        st == null
            ? null
            : new Collection(st.bytes(), st.items(), st.execChannels(), st.durationMillis()),
        Identity.of(h.identity()),
        findings);
  }

  HostResult toHostResult() {
    List<Finding> out = new ArrayList<>();
    for (FindingJson f : findings) {
      out.add(f.toFinding());
    }
    return new HostResult(
        name,
        address,
        status,
        reason,
        hostKeyFingerprint,
        out,
        collection == null
            ? null
            : new CollectionStats(
                collection.bytes(),
                collection.items(),
                collection.execChannels(),
                collection.durationMs()),
        identity == null ? HostIdentity.UNKNOWN : identity.toHostIdentity());
  }

  /** What collecting the host cost. */
  record Collection(
      @JsonProperty(required = true) long bytes,
      @JsonProperty(required = true) int items,
      @JsonProperty(required = true) int execChannels,
      @JsonProperty(required = true) long durationMs) {
    Collection {
      if (bytes < 0 || items < 0 || execChannels < 0 || durationMs < 0) {
        throw new IllegalArgumentException("collection counts must not be negative");
      }
    }
  }

  /**
   * What the host is; empty strings where not seen. Optional when read (reports written before it
   * existed have none), and {@code null} strings read as empty.
   */
  record Identity(
      String os,
      String kernel,
      String arch,
      String virtualization,
      String init,
      String hostTime,
      Container container) {

    static Identity of(HostIdentity id) {
      Containment c = id.containment();
      return new Identity(
          id.os(),
          id.kernel(),
          id.arch(),
          id.virtualization(),
          id.init(),
          id.hostTime(),
          c == null
              ? null
              : new Container(
                  c.container(), c.type(), c.certain(), c.markers(), c.kernelAudit(), c.summary()));
    }

    HostIdentity toHostIdentity() {
      Containment c =
          container == null
              ? null
              : new Containment(
                  container.container(),
                  text(container.type()),
                  container.certain(),
                  container.markers(),
                  text(container.kernelAudit()),
                  text(container.decision()));
      return new HostIdentity(
          text(os), text(kernel), text(arch), text(virtualization), c, text(init), text(hostTime));
    }

    private static String text(String s) {
      return s == null ? "" : s;
    }
  }

  /** The container decision with the markers it was made from. */
  record Container(
      @JsonProperty(required = true) boolean container,
      @JsonProperty(required = true) String type,
      @JsonProperty(required = true) boolean certain,
      @JsonProperty(required = true) List<String> markers,
      @JsonProperty(required = true) String kernelAudit,
      @JsonProperty(required = true) String decision) {
    Container {
      ReportJson.present(markers, "markers");
    }
  }
}
