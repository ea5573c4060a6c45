package io.auditgap.facts.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyslogSelectorTest {
  private static final SyslogPriority.Priority AUTHPRIV_INFO = new SyslogPriority.Priority(10, 6);
  private static final SyslogPriority.Priority AUTH_NOTICE = new SyslogPriority.Priority(4, 5);
  private static final SyslogPriority.Priority USER_INFO = new SyslogPriority.Priority(1, 6);

  @Test
  void laterNoneTermRemovesAuthFromEverything() {
    SyslogSelector s = SyslogSelector.parse("*.*;auth,authpriv.none");
    assertTrue(s.valid());
    assertFalse(s.matches(AUTHPRIV_INFO));
    assertFalse(s.matches(AUTH_NOTICE));
    assertTrue(s.matches(USER_INFO));
  }

  @Test
  void facilityListAndPriorityThreshold() {
    SyslogSelector s = SyslogSelector.parse("auth,authpriv.*");
    assertTrue(s.matches(AUTHPRIV_INFO));
    assertTrue(s.matches(AUTH_NOTICE));
    assertFalse(s.matches(USER_INFO));
    SyslogSelector warn = SyslogSelector.parse("authpriv.warning");
    assertFalse(warn.matches(AUTHPRIV_INFO), "info is less severe than warning");
  }

  @Test
  void exactAndNegatedPriorities() {
    SyslogSelector exact = SyslogSelector.parse("authpriv.=info");
    assertTrue(exact.matches(AUTHPRIV_INFO));
    assertFalse(exact.matches(new SyslogPriority.Priority(10, 5)));
    SyslogSelector neg = SyslogSelector.parse("authpriv.*;authpriv.!notice");
    assertTrue(neg.matches(AUTHPRIV_INFO));
    assertFalse(neg.matches(new SyslogPriority.Priority(10, 5)));
  }

  @Test
  void rhelMessagesSelectorExcludesAuthpriv() {
    SyslogSelector s = SyslogSelector.parse("*.info;mail.none;authpriv.none;cron.none");
    assertFalse(s.matches(AUTHPRIV_INFO));
    assertTrue(s.matches(new SyslogPriority.Priority(4, 6)), "auth (not authpriv) still matches");
  }

  @Test
  void unknownNamesMakeTheSelectorInvalid() {
    assertFalse(SyslogSelector.parse("authprivv.*").valid());
    assertFalse(SyslogSelector.parse("auth.loud").valid());
    assertFalse(SyslogSelector.parse("").valid());
  }

  @Test
  void rainerExpressionsOnFacilityAreDecidedOthersAreMaybe() {
    assertEquals(
        Tri.TRUE,
        RainerExpr.eval(
            "$syslogfacility-text == 'authpriv' or $syslogfacility-text == \"auth\"",
            AUTHPRIV_INFO));
    assertEquals(Tri.FALSE, RainerExpr.eval("$syslogfacility-text == 'local6'", AUTHPRIV_INFO));
    assertEquals(Tri.MAYBE, RainerExpr.eval("$programname == 'sshd'", AUTHPRIV_INFO));
    assertEquals(
        Tri.TRUE, RainerExpr.eval("$syslogfacility-text == ['auth', 'authpriv']", AUTH_NOTICE));
    assertEquals(Tri.MAYBE, RainerExpr.eval("re_match($msg, 'x' ", AUTH_NOTICE));
    assertEquals(
        Tri.FALSE,
        RainerExpr.eval("not ($syslogseverity <= 6)", AUTHPRIV_INFO),
        "severity 6 <= 6, negated");
  }
}
