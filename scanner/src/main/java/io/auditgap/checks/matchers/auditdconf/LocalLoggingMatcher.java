package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.facts.audit.daemon.AuditdSetting;
import java.util.List;

/**
 * Records reach the local disk: write_logs and local_events are yes, log_format is not the
 * deprecated NOLOG (which overrides write_logs), and log_file is an absolute path.
 */
public final class LocalLoggingMatcher extends AuditdConfCheck {
  public LocalLoggingMatcher() {
    super("auditd-conf-local-logging");
  }

  @Override
  String judge(AuditdConfView v, CheckParams params, List<Evidence> ev, List<String> bad) {
    AuditdSetting write = v.setting("write_logs");
    AuditdSetting local = v.setting("local_events");
    AuditdSetting format = v.setting("log_format");
    AuditdSetting file = v.setting("log_file");
    ev.addAll(v.evidence(write, write.normalized().equals("yes") ? "writes to disk" : "no disk"));
    ev.addAll(
        v.evidence(local, local.normalized().equals("yes") ? "records local events" : "no local"));
    ev.addAll(v.evidence(format, "record format"));
    ev.addAll(v.evidence(file, "log file"));
    if (!write.normalized().equals("yes")) {
      bad.add(AuditdConfView.describe(write) + ": nothing is written locally");
    }
    if (format.normalized().equals("nolog")) {
      bad.add(
          AuditdConfView.describe(format)
              + ": the deprecated NOLOG format overrides write_logs, nothing is written locally");
    }
    if (!local.normalized().equals("yes")) {
      bad.add(AuditdConfView.describe(local) + ": events of this host are not recorded");
    }
    if (file.value() == null || !file.value().startsWith("/")) {
      bad.add(AuditdConfView.describe(file) + ": not an absolute path");
    }
    return "auditd writes local events to " + file.value() + " (write_logs yes, local_events yes)";
  }
}
