package io.auditgap.checks.matchers.session;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The matchers of the session family (checks/session.yaml). */
public final class SessionMatchers {
  private SessionMatchers() {}

  public static List<Matcher> all() {
    return List.of(
        new PamLoginuidMatcher(),
        new PamTtyAuditMatcher(),
        new PamTtyAuditLogPasswdMatcher(),
        new SudoUsePtyMatcher(),
        new SudoLogfileMatcher(),
        new SudoIoLoggingMatcher(),
        new TlogRecordingMatcher());
  }
}
