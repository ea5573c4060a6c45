package io.auditgap.checks.matchers.sshd;

import io.auditgap.checks.Evidence;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.sshd.ResolvedSetting;
import io.auditgap.facts.sshd.SettingResolver;
import io.auditgap.facts.sshd.SshdConfig;
import io.auditgap.facts.sshd.SshdDirective;
import io.auditgap.facts.sshd.SshdDump;
import io.auditgap.facts.sshd.SshdFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One sshd keyword's global effective value with the evidence behind it. {@code sshd -T} decides
 * when it ran (root); otherwise the files decide and the verdict says so. Either way the value is
 * what the configuration on disk gives; a daemon not reloaded since the last edit may still run
 * with older settings.
 *
 * @param value upper-cased
 * @param fromFiles true when sshd -T was not available and the files decided
 * @param evidence sshd -T line and/or the deciding directive and the ones it overrode
 * @param sourceNote the origin in words, for the verdict's reason
 */
record EffectiveSshd(String value, boolean fromFiles, List<Evidence> evidence, String sourceNote) {

  static Set<CollectionItem> needs() {
    Set<CollectionItem> n = new HashSet<>();
    n.addAll(SshdFacts.DUMP.needs());
    n.addAll(SshdFacts.CONFIG.needs());
    return n;
  }

  /**
   * Empty when the host has no OpenSSH server (sshd missing and no sshd_config): the check does not
   * apply. Unseen when neither sshd -T nor the files could be read.
   */
  static Optional<Observed<EffectiveSshd>> global(Facts facts, String keyword) {
    Observed<SshdDump> dump = facts.get(SshdFacts.DUMP);
    Observed<SshdConfig> config = facts.get(SshdFacts.CONFIG);
    ResolvedSetting fromFiles =
        config.isSeen() ? SettingResolver.global(config.value(), keyword) : null;
    if (dump.isSeen() && dump.value().complete()) {
      String printed = dump.value().first(keyword).orElse("");
      String v = printed.toUpperCase(Locale.ROOT);
      List<Evidence> ev = new ArrayList<>();
      // Quote the line as sshd printed it, where it printed it (not the upper-cased value).
      ev.add(
          Evidence.of(
              "sshd -T",
              dump.value().line(keyword),
              (keyword + " " + printed).strip(),
              "effective value for new connections"));
      if (fromFiles != null && fromFiles.value().map(x -> x.equalsIgnoreCase(v)).orElse(false)) {
        ev.addAll(trace(fromFiles));
      }
      return Optional.of(Observed.seen(new EffectiveSshd(v, false, ev, "sshd -T")));
    }
    boolean noSshd =
        !dump.isSeen()
            && dump.reason().contains("command not found")
            && config.isSeen()
            && config.value().files().isEmpty();
    if (noSshd) {
      return Optional.empty();
    }
    boolean noKeys = dump.isSeen() && dump.value().firstMessage().contains("no hostkeys available");
    String why =
        noKeys
            ? "sshd -T not available without root (it must load the host keys)"
            : dump.isSeen()
                ? "sshd -T failed (exit "
                    + dump.value().exitStatus()
                    + ": "
                    + dump.value().firstMessage()
                    + ")"
                : "sshd -T not available (" + dump.reason() + ")";
    if (fromFiles == null) {
      return Optional.of(
          Observed.unseen(why + "; the configuration files were not readable: " + config.reason()));
    }
    if (fromFiles.unresolved() != null) {
      return Optional.of(Observed.unseen(why + "; " + fromFiles.unresolved()));
    }
    List<Evidence> ev = new ArrayList<>(trace(fromFiles));
    ev.add(Evidence.note("from configuration files; " + why));
    return Optional.of(
        Observed.seen(
            new EffectiveSshd(
                fromFiles.value().orElse("").toUpperCase(Locale.ROOT),
                true,
                ev,
                "configuration files (" + why + ")")));
  }

  /** The deciding directive (or the default) and each later one that first-value-wins ignores. */
  static List<Evidence> trace(ResolvedSetting r) {
    List<Evidence> ev = new ArrayList<>();
    if (r.winner() != null) {
      SshdDirective w = r.winner();
      ev.add(
          Evidence.of(
              w.source().file(),
              w.source().line(),
              w.source().text(),
              w.match() == null || w.match().isAll()
                  ? "first value read: this one is in effect"
                  : "in effect for connections matching Match " + w.match().describe()));
    } else {
      ev.add(
          Evidence.note(
              "no "
                  + r.keyword()
                  + " directive: sshd's compiled-in default "
                  + r.value().orElse("?")));
    }
    for (SshdDirective d : r.ignored()) {
      ev.add(
          Evidence.of(
              d.source().file(),
              d.source().line(),
              d.source().text(),
              "ignored: sshd keeps the first value it reads"));
    }
    return ev;
  }
}
