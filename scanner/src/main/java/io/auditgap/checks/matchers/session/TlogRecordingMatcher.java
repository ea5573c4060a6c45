package io.auditgap.checks.matchers.session;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.CommonParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.ParamType;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.OsFacts;
import io.auditgap.facts.pam.LocalUser;
import io.auditgap.facts.pam.PamFacts;
import io.auditgap.facts.pam.PamStack;
import io.auditgap.facts.pam.SssdSessionRecording;
import io.auditgap.facts.pam.TargetUsers;
import io.auditgap.facts.pam.TlogSettings;
import io.auditgap.facts.pam.UsePamSetting;
import io.auditgap.facts.sudo.SudoFacts;
import io.auditgap.facts.sudo.SudoersPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code session.tlog}: tlog records the sessions of every target user — through a tlog-rec-session
 * login shell or SSSD's {@code [session_recording]} — and writes to the journal or syslog, where
 * retention and forwarding checks can follow it.
 *
 * <p>When tlog is not installed the check is only a gap if nothing else captures what SSH users
 * type: with {@code required: false} (the default) it is not applicable when pam_tty_audit covers
 * every target user or sudo logs output globally, and fails otherwise; {@code required: true} makes
 * tlog itself mandatory.
 */
public final class TlogRecordingMatcher extends DeclaredMatcher {
  static final Set<String> FORWARDABLE = Set.of("journal", "syslog");

  public TlogRecordingMatcher() {
    super(
        "session-tlog",
        CommonParams.with(
            CommonParams.SESSION_USERS,
            ParamSpec.of("required", ParamType.BOOLEAN).orElse("false").byProfile()),
        needsOf(
            List.of(
                PamFacts.TLOG_INSTALLED,
                PamFacts.TLOG_SETTINGS,
                PamFacts.SSSD_RECORDING,
                PamFacts.GROUPS,
                PamFacts.SSHD_SESSION,
                PamFacts.MODULE_FILES,
                PamFacts.USE_PAM,
                SudoFacts.POLICY,
                OsFacts.IN_CONTAINER),
            SessionUsers.needs()));
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    Observed<Optional<String>> bin = facts.get(PamFacts.TLOG_INSTALLED);
    if (!bin.isSeen()) {
      return Verdict.unknown("whether tlog is installed could not be told: " + bin.reason());
    }
    Observed<TargetUsers> users = SessionUsers.of(params, facts);
    if (!users.isSeen()) {
      return Verdict.unknown("the target users could not be listed: " + users.reason());
    }
    List<Evidence> ev = new ArrayList<>();
    ev.add(SessionUsers.evidence(users.value()));
    boolean required =
        SudoContext.profileList(params, "required", List.of("false")).contains("true");
    if (bin.value().isEmpty()) {
      ev.add(Evidence.of("command -v tlog-rec-session", 0, "not found", "tlog is not installed"));
      if (required) {
        return Verdict.fail(
            "tlog is not installed and this profile requires session recording", ev);
      }
      return withoutTlog(params, facts, users.value(), ev);
    }
    ev.add(Evidence.of("command -v tlog-rec-session", 0, bin.value().get(), "tlog is installed"));
    Observed<List<LocalUser>> passwd = facts.get(PamFacts.USERS);
    if (!passwd.isSeen()) {
      return Verdict.unknown("/etc/passwd could not be read: " + passwd.reason(), ev);
    }
    List<String> notByShell = new ArrayList<>();
    for (String u : users.value().names()) {
      Optional<LocalUser> lu = passwd.value().stream().filter(x -> x.name().equals(u)).findFirst();
      if (lu.isPresent() && TlogShells.isRecordingShell(lu.get().shell())) {
        ev.add(
            Evidence.of(
                "/etc/passwd",
                lu.get().line(),
                u + ":" + lu.get().shell(),
                "login shell records the session"));
      } else {
        notByShell.add(u);
      }
    }
    List<String> unrecorded = new ArrayList<>();
    if (!notByShell.isEmpty()) {
      Observed<SssdSessionRecording> sssd = facts.get(PamFacts.SSSD_RECORDING);
      if (!sssd.isSeen()) {
        return Verdict.unknown(
            "SSSD's session_recording could not be read (sssd.conf is 0600): " + sssd.reason(), ev);
      }
      SssdSessionRecording rec = sssd.value();
      if (!rec.source().isEmpty()) {
        ev.add(
            Evidence.of(
                rec.source().split(" ", 2)[0],
                0,
                rec.source(),
                "SSSD session recording scope = "
                    + rec.scope()
                    + " (applies to users SSSD resolves)"));
      }
      Observed<Map<String, Set<String>>> groups = facts.get(PamFacts.GROUPS);
      for (String u : notByShell) {
        if (!rec.records(u, memberOf(u, groups))) {
          unrecorded.add(u);
        }
      }
    }
    Observed<TlogSettings> settings = facts.get(PamFacts.TLOG_SETTINGS);
    if (!settings.isSeen()) {
      return Verdict.unknown("tlog's configuration could not be read: " + settings.reason(), ev);
    }
    TlogSettings s = settings.value();
    if (!s.problem().isEmpty()) {
      ev.add(Evidence.of(s.source(), 0, "", s.problem()));
      return Verdict.fail("tlog-rec-session cannot parse its configuration: " + s.problem(), ev);
    }
    ev.add(
        Evidence.of(
            s.source(),
            0,
            "\"writer\": \"" + s.writer() + "\"",
            "tlog writes recordings to " + s.writer()));
    if (!unrecorded.isEmpty()) {
      return Verdict.fail(
          "tlog does not record the sessions of: " + String.join(", ", unrecorded), ev);
    }
    if (!FORWARDABLE.contains(s.writer())) {
      return Verdict.fail(
          "tlog writes to '"
              + s.writer()
              + "', not to the journal or syslog where retention and forwarding apply",
          ev);
    }
    return Verdict.pass("tlog records every target user's session to " + s.writer(), ev);
  }

  private static Set<String> memberOf(String user, Observed<Map<String, Set<String>>> groups) {
    Set<String> out = new LinkedHashSet<>();
    if (groups.isSeen()) {
      groups
          .value()
          .forEach(
              (g, members) -> {
                if (members.contains(user)) {
                  out.add(g);
                }
              });
    }
    return out;
  }

  /** Without tlog: not applicable when another capture covers SSH users, else a gap. */
  private static Verdict withoutTlog(
      CheckParams params, Facts facts, TargetUsers users, List<Evidence> ev) {
    Observed<SudoersPolicy> sudo = facts.get(SudoFacts.POLICY).map(p -> p.orElse(null));
    boolean sudoIo =
        sudo.isSeen()
            && sudo.value() != null
            && sudo.value()
                .global("log_output")
                .map(SudoersPolicy.EffectiveDefault::on)
                .orElse(false);
    Observed<Optional<UsePamSetting>> usePam = facts.get(PamFacts.USE_PAM);
    Observed<PamStack> stack = facts.get(PamFacts.SSHD_SESSION);
    boolean ttyAudit = false;
    boolean ttyKnown = usePam.isSeen() && stack.isSeen();
    if (ttyKnown
        && usePam.value().map(UsePamSetting::enabled).orElse(false)
        && !users.names().isEmpty()) {
      TtyAuditAssessment.Result r =
          TtyAuditAssessment.assess(
              stack.value(), facts.get(PamFacts.MODULE_FILES), users.names(), facts.snapshot());
      ttyAudit = r.notEnabled().isEmpty();
    }
    Observed<Boolean> container = facts.get(OsFacts.IN_CONTAINER);
    boolean ttyAuditInContainer = ttyAudit && container.isSeen() && container.value();
    if (ttyAuditInContainer) {
      // pam_tty_audit asks the kernel's audit, which a container does not reach: configured is
      // not capturing, so it cannot stand in for tlog here.
      ev.add(
          Evidence.note(
              "pam_tty_audit is configured, but the host is a container: the kernel audit it"
                  + " needs belongs to the container host, so it records nothing here"));
      ttyAudit = false;
    }
    if (ttyAudit) {
      return Verdict.notApplicable(
          "tlog is not installed; pam_tty_audit captures the SSH sessions of every target user",
          ev);
    }
    if (sudoIo) {
      ev.add(Evidence.note("sudo log_output is on globally: privileged sessions are captured"));
      return Verdict.notApplicable(
          "tlog is not installed; sudo I/O logging captures privileged sessions", ev);
    }
    if (!ttyKnown || !sudo.isSeen()) {
      return Verdict.unknown(
          "tlog is not installed and whether pam_tty_audit or sudo I/O logging capture sessions could not be read",
          ev);
    }
    return Verdict.fail(
        "no session capture: tlog is not installed, "
            + (ttyAuditInContainer
                ? "pam_tty_audit records nothing in a container"
                : "pam_tty_audit does not cover every target user")
            + " and sudo does not log output",
        ev);
  }
}
