package io.auditgap.checks;

import io.auditgap.checks.matchers.auditd.AuditExecveMatcher;
import io.auditgap.checks.matchers.auditd.AuditImmutableMatcher;
import io.auditgap.checks.matchers.auditd.AuditRulesDriftMatcher;
import io.auditgap.checks.matchers.auditd.AuditdInstalledMatcher;
import io.auditgap.checks.matchers.auditd.AuditdRunningMatcher;
import io.auditgap.checks.matchers.auditdconf.AdminSpaceLeftMatcher;
import io.auditgap.checks.matchers.auditdconf.AuditdConfValidMatcher;
import io.auditgap.checks.matchers.auditdconf.DiskFullErrorMatcher;
import io.auditgap.checks.matchers.auditdconf.LocalLoggingMatcher;
import io.auditgap.checks.matchers.auditdconf.MaxLogFileActionMatcher;
import io.auditgap.checks.matchers.auditdconf.SpaceLeftMatcher;
import io.auditgap.checks.matchers.auditrules.AuditRuleCoverageMatcher;
import io.auditgap.checks.matchers.auditsubsystem.AuditBacklogFailureMatcher;
import io.auditgap.checks.matchers.auditsubsystem.AuditFilePermissionsMatcher;
import io.auditgap.checks.matchers.auditsubsystem.AuditLoginuidMatcher;
import io.auditgap.checks.matchers.auditsubsystem.AuditStatusMatcher;
import io.auditgap.checks.matchers.auditsubsystem.AuditSuppressionMatcher;
import io.auditgap.checks.matchers.auditsubsystem.KernelBootParamMatcher;
import io.auditgap.checks.matchers.exposure.NetworkProbeMatcher;
import io.auditgap.checks.matchers.forwarding.AuditForwardingMatcher;
import io.auditgap.checks.matchers.forwarding.ForwardingQualityMatcher;
import io.auditgap.checks.matchers.forwarding.LogsForwardingMatcher;
import io.auditgap.checks.matchers.forwarding.NotAReceiverMatcher;
import io.auditgap.checks.matchers.logs.AuthLogStoredMatcher;
import io.auditgap.checks.matchers.logs.LoginRecordsMatcher;
import io.auditgap.checks.matchers.retention.AuditLogRetentionMatcher;
import io.auditgap.checks.matchers.retention.AuthLogRetentionMatcher;
import io.auditgap.checks.matchers.retention.JournalRetentionMatcher;
import io.auditgap.checks.matchers.retention.LoginRecordsRetentionMatcher;
import io.auditgap.checks.matchers.session.PamLoginuidMatcher;
import io.auditgap.checks.matchers.session.PamTtyAuditLogPasswdMatcher;
import io.auditgap.checks.matchers.session.PamTtyAuditMatcher;
import io.auditgap.checks.matchers.session.SudoIoLoggingMatcher;
import io.auditgap.checks.matchers.session.SudoLogfileMatcher;
import io.auditgap.checks.matchers.session.SudoUsePtyMatcher;
import io.auditgap.checks.matchers.session.TlogRecordingMatcher;
import io.auditgap.checks.matchers.sshd.SshdConfigValidMatcher;
import io.auditgap.checks.matchers.sshd.SshdLogLevelMatcher;
import io.auditgap.checks.matchers.sshd.SshdSyslogFacilityMatcher;
import io.auditgap.checks.matchers.sshd.SshdUsePamMatcher;
import io.auditgap.checks.matchers.time.TimeSyncMatcher;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every matcher the catalog may name, by name, and the catalog family each belongs to. */
public final class MatcherRegistry {
  private final Map<String, Matcher> byName = new LinkedHashMap<>();
  private final Map<String, Family> families = new LinkedHashMap<>();

  /**
   * The matchers of one catalog family, {@code checks/FAMILY.yaml}; their classes live in the
   * package {@code io.auditgap.checks.matchers.FAMILY} (without the dash).
   */
  public record Family(String name, List<Matcher> matchers) {
    public Family {
      matchers = List.copyOf(matchers);
    }
  }

  public MatcherRegistry(Collection<? extends Matcher> matchers) {
    this(List.of(new Family("", List.copyOf(matchers))));
  }

  private MatcherRegistry(List<Family> all) {
    for (Family f : all) {
      families.put(f.name(), f);
      for (Matcher m : f.matchers()) {
        if (byName.put(m.name(), m) != null) {
          throw new IllegalStateException("two matchers named " + m.name());
        }
      }
    }
  }

  /** The built-in matchers: the one place where each catalog family registers its matchers. */
  public static MatcherRegistry builtIn() {
    return new MatcherRegistry(
        List.of(
            new Family(
                "auditd",
                List.of(
                    new AuditdInstalledMatcher(),
                    new AuditdRunningMatcher(),
                    new AuditExecveMatcher(),
                    new AuditImmutableMatcher(),
                    new AuditRulesDriftMatcher())),
            new Family("exposure", List.of(new NetworkProbeMatcher())),
            new Family(
                "auditd-conf",
                List.of(
                    new AuditdConfValidMatcher(),
                    new LocalLoggingMatcher(),
                    new SpaceLeftMatcher(),
                    new AdminSpaceLeftMatcher(),
                    new DiskFullErrorMatcher(),
                    new MaxLogFileActionMatcher())),
            new Family(
                "retention",
                List.of(
                    new AuditLogRetentionMatcher(),
                    new AuthLogRetentionMatcher(),
                    new JournalRetentionMatcher(),
                    new LoginRecordsRetentionMatcher())),
            new Family(
                "session",
                List.of(
                    new PamLoginuidMatcher(),
                    new PamTtyAuditMatcher(),
                    new PamTtyAuditLogPasswdMatcher(),
                    new SudoUsePtyMatcher(),
                    new SudoLogfileMatcher(),
                    new SudoIoLoggingMatcher(),
                    new TlogRecordingMatcher())),
            new Family(
                "forwarding",
                List.of(
                    new LogsForwardingMatcher(),
                    new AuditForwardingMatcher(),
                    new ForwardingQualityMatcher(ForwardingQualityMatcher.Quality.RELIABLE),
                    new ForwardingQualityMatcher(ForwardingQualityMatcher.Quality.TLS),
                    new NotAReceiverMatcher())),
            new Family(
                "audit-subsystem",
                List.of(
                    new KernelBootParamMatcher(),
                    new AuditStatusMatcher(),
                    new AuditSuppressionMatcher(),
                    new AuditLoginuidMatcher(),
                    new AuditBacklogFailureMatcher(),
                    new AuditFilePermissionsMatcher())),
            new Family("audit-rules", List.of(new AuditRuleCoverageMatcher())),
            new Family(
                "sshd",
                List.of(
                    new SshdLogLevelMatcher(),
                    new SshdSyslogFacilityMatcher(),
                    new SshdUsePamMatcher(),
                    new SshdConfigValidMatcher())),
            new Family("logs", List.of(new AuthLogStoredMatcher(), new LoginRecordsMatcher())),
            new Family("time", List.of(new TimeSyncMatcher()))));
  }

  public Optional<Matcher> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<String> names() {
    return byName.keySet();
  }

  /** The matchers registered for the catalog family {@code name}. */
  public List<Matcher> family(String name) {
    Family f = families.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no matcher family " + name);
    }
    return f.matchers();
  }
}
