package io.auditgap.checks.matchers.sshd;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.CommonParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.ParamType;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.sshd.Connection;
import io.auditgap.facts.sshd.ConnectionProbe;
import io.auditgap.facts.sshd.ResolvedSetting;
import io.auditgap.facts.sshd.SettingResolver;
import io.auditgap.facts.sshd.SshdConfig;
import io.auditgap.facts.sshd.SshdDirective;
import io.auditgap.facts.sshd.SshdFacts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sshd.log-level}: sshd logs at an accepted level (VERBOSE records the key fingerprint of
 * each login), globally, for the audited users (per {@code sshd -T -C}), and in no Match block
 * below it. DEBUG levels fail: sshd_config(5) says they violate users' privacy.
 */
public final class SshdLogLevelMatcher extends SshdSettingMatcher {
  static final List<String> DEFAULT_ACCEPTED = List.of("VERBOSE");

  public SshdLogLevelMatcher() {
    super(
        "sshd-log-level",
        List.of(
            ParamSpec.of("accepted_levels", ParamType.TEXT_LIST)
                .allowing(
                    "quiet", "fatal", "error", "info", "verbose", "debug", "debug1", "debug2",
                    "debug3")
                .byProfile(),
            CommonParams.TTY_AUDIT_USERS),
        SshdFacts.PROBES.needs(),
        "LogLevel");
  }

  /** sshd -T prints QUIET as SILENT and DEBUG as DEBUG1; compare on one spelling. */
  static String canonical(String level) {
    String l = level.toUpperCase(Locale.ROOT);
    return switch (l) {
      case "SILENT" -> "QUIET";
      case "DEBUG" -> "DEBUG1";
      default -> l;
    };
  }

  private static boolean accepted(String level, List<String> accepted) {
    String c = canonical(level);
    return accepted.stream().anyMatch(a -> canonical(a).equals(c));
  }

  @Override
  Verdict judge(EffectiveSshd global, CheckParams params, Facts facts) {
    List<String> ok =
        params.strings("accepted_levels").isEmpty()
            ? DEFAULT_ACCEPTED
            : params.strings("accepted_levels");
    List<Evidence> ev = new ArrayList<>(global.evidence());
    List<String> failures = new ArrayList<>();
    if (!accepted(global.value(), ok)) {
      failures.add("LogLevel is " + global.value() + describeDebug(global.value()));
    }
    Set<String> checkedUsers = new LinkedHashSet<>();
    Observed<List<ConnectionProbe>> probes = facts.get(SshdFacts.PROBES);
    if (probes.isSeen()) {
      for (ConnectionProbe p : probes.value()) {
        Optional<String> lvl = p.dump().first("loglevel");
        if (!p.dump().complete() || lvl.isEmpty()) {
          continue;
        }
        checkedUsers.add(p.user());
        String v = lvl.get().toUpperCase(Locale.ROOT);
        // a user logging like everyone else adds nothing to the global finding
        if (!accepted(v, ok) && !canonical(v).equals(canonical(global.value()))) {
          failures.add("connections of " + p.user() + " log at " + v);
          ev.add(
              Evidence.of(
                  "sshd -T -C " + p.connection().spec(),
                  0,
                  "loglevel " + v,
                  "a Match block lowers logging for this user"));
        }
      }
    }
    Observed<SshdConfig> config = facts.get(SshdFacts.CONFIG);
    if (config.isSeen()) {
      for (String user : params.strings("tty_audit_users")) {
        if (checkedUsers.contains(user)) {
          continue;
        }
        ResolvedSetting r =
            SettingResolver.forConnection(
                config.value(), "loglevel", Connection.genericRemote(user));
        if (r.value().isPresent()
            && !accepted(r.value().get(), ok)
            && r.winner() != null
            && r.winner().match() != null) {
          failures.add(
              "connections of " + user + " log at " + r.value().get().toUpperCase(Locale.ROOT));
        }
      }
      for (SshdDirective d : config.value().all("loglevel")) {
        if (d.match() != null && !d.match().isAll() && !accepted(d.value(), ok)) {
          failures.add(
              "Match "
                  + d.match().describe()
                  + " sets LogLevel "
                  + d.value().toUpperCase(Locale.ROOT));
          ev.add(
              Evidence.of(
                  d.source().file(),
                  d.source().line(),
                  d.source().text(),
                  "applies to connections matching "
                      + d.match().describe()
                      + " ("
                      + d.match().source().location()
                      + ")"));
        }
      }
    }
    String accepted = String.join(" or ", ok) + " (profile " + params.profile() + ")";
    String origin = global.fromFiles() ? " [from " + global.sourceNote() + "]" : "";
    if (!failures.isEmpty()) {
      return Verdict.fail(
          String.join("; ", new LinkedHashSet<>(failures)) + "; required: " + accepted + origin,
          ev);
    }
    return Verdict.pass(
        "sshd LogLevel " + global.value() + " (required: " + accepted + ")" + origin, ev);
  }

  private static String describeDebug(String level) {
    return canonical(level).startsWith("DEBUG")
        ? " (DEBUG logging violates users' privacy, sshd_config(5), and floods the log)"
        : "";
  }
}
