package io.auditgap.checks.matchers.forwarding;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.ParamType;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.facts.Facts;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code logs.forwarding-reliable} and {@code logs.forwarding-tls}: of the paths that forward each
 * stream (auth events, audit records), at least one must be reliable (resp. encrypted with the
 * receiver authenticated). Not applicable when nothing forwards: {@code logs.forwarding} and {@code
 * audit.forwarding} report that gap.
 */
public final class ForwardingQualityMatcher extends DeclaredMatcher {
  /** Which property of a path this instance judges. */
  public enum Quality {
    RELIABLE("forwarding-reliable", "reliable (TCP/RELP with a persistent queue)"),
    TLS("forwarding-tls", "encrypted with the receiver authenticated");

    private final String matcher;
    private final String words;

    Quality(String matcher, String words) {
      this.matcher = matcher;
      this.words = words;
    }
  }

  private final Quality quality;

  public ForwardingQualityMatcher(Quality quality) {
    super(
        quality.matcher,
        List.of(ParamSpec.of("streams", ParamType.TEXT_LIST).allowing("auth", "audit")),
        ForwardingAnalysis.needs());
    this.quality = quality;
  }

  private Boolean judge(ForwardingPath p) {
    return quality == Quality.RELIABLE ? Boolean.valueOf(p.reliable()) : p.verified();
  }

  private String why(ForwardingPath p) {
    return quality == Quality.RELIABLE ? p.reliabilityReason() : p.tlsReason();
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    ForwardingAnalysis a = new ForwardingAnalysis(facts);
    List<String> streams = params.strings("streams");
    if (streams.isEmpty()) {
      streams = List.of("auth", "audit");
    }
    List<Evidence> ev = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    List<String> unseen = new ArrayList<>();
    int forwarded = 0;
    for (String stream : streams) {
      ForwardingAnalysis.Streams s = stream.equals("audit") ? a.audit() : a.auth();
      String label = stream.equals("audit") ? "audit records" : "authentication events";
      if (s.paths().isEmpty()) {
        unseen.addAll(s.unseen());
        continue;
      }
      forwarded++;
      ForwardingPath good = null;
      boolean undecided = false;
      for (ForwardingPath p : s.paths()) {
        Boolean j = judge(p);
        Evidence first = p.evidence().get(0);
        ev.add(
            Evidence.of(
                first.source(),
                first.line(),
                first.text(),
                label + " via " + p.describe() + ": " + why(p)));
        if (Boolean.TRUE.equals(j) && good == null) {
          good = p;
        } else if (j == null) {
          undecided = true;
        }
      }
      if (good != null) {
        passed.add(label + " via " + good.describe());
      } else if (undecided) {
        unknown.add(label);
      } else {
        failed.add(label);
      }
    }
    if (forwarded == 0) {
      if (!unseen.isEmpty()) {
        return Verdict.unknown(
            "whether anything forwards could not be established: " + String.join("; ", unseen), ev);
      }
      return Verdict.notApplicable("nothing forwards logs off the host (see logs.forwarding)", ev);
    }
    if (!failed.isEmpty()) {
      return Verdict.fail(
          "no forwarding path for " + String.join(" and ", failed) + " is " + quality.words, ev);
    }
    if (!unknown.isEmpty()) {
      return Verdict.unknown(
          "whether forwarding of "
              + String.join(" and ", unknown)
              + " is "
              + quality.words
              + " could not be established from the configuration",
          ev);
    }
    return Verdict.pass(String.join("; ", passed) + ": " + quality.words, ev);
  }
}
