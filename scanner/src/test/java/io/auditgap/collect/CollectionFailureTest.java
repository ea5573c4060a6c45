package io.auditgap.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.transport.ExecResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-line reason a host gets when its collector run did not return a whole bundle. */
class CollectionFailureTest {
  private static final String NONCE = "abcdef0123456789";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final List<CollectionItem> PLAN =
      List.of(
          new CollectionItem.File("/etc/ssh/sshd_config"),
          new CollectionItem.File("/etc/sudoers"),
          new CollectionItem.Directory("/etc/sudoers.d"),
          new CollectionItem.Command("auditctl-l", "auditctl -l"),
          new CollectionItem.File("/etc/a"),
          new CollectionItem.File("/etc/b"),
          new CollectionItem.File("/etc/c"),
          new CollectionItem.File("/etc/d"));

  private static String explain(String stdout, String stderr, Integer exit, boolean sudo) {
    return explain(new ExecResult(bytes(stdout), false, stderr, exit, false, false), sudo);
  }

  private static String explain(ExecResult r, boolean sudo) {
    Bundle b = BundleReader.read(r.stdout(), NONCE, CollectorLimits.DEFAULT);
    assertFalse(b.complete());
    Map<String, SnapshotItem> got = new LinkedHashMap<>();
    b.items().forEach(i -> got.put(i.key(), i));
    return CollectionFailure.explain(r, b, PLAN, got, sudo, TIMEOUT);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String frame(String kind, String name, String body) {
    return "@@" + NONCE + " " + kind + " 0 " + body.length() + " 0 " + name + "\n" + body + "\n";
  }

  private static final String CUT =
      "@@"
          + NONCE
          + " begin 1\n"
          + frame("file", "/etc/ssh/sshd_config", "UsePAM yes\n")
          + frame("file", "/etc/sudoers", "Defaults log_output\n");

  @Test
  void aBundleCutShortSaysWhatEndedItAndWhichItemsWereLost() {
    String m = explain(CUT, "", 0, true);
    assertTrue(
        m.startsWith(
            "collector output ended early: the remote command exited with status 0; 6 of 8 planned items lost: dir:/etc/sudoers.d, cmd:auditctl-l, file:/etc/a, file:/etc/b, file:/etc/c and 1 more ("),
        m);
    assertTrue(m.contains("after file:/etc/sudoers"), m);
  }

  @Test
  void aSignalTheDeadlineADisconnectAndTheSizeCapAreNamed() {
    byte[] out = bytes(CUT);
    assertTrue(
        explain(new ExecResult(out, false, "", null, false, false, "KILL"), true)
            .contains("killed by signal KILL"));
    assertTrue(
        explain(new ExecResult(out, false, "", null, true, false), true)
            .contains("timed out: the collector did not finish in the 120 s left"));
    assertTrue(
        explain(new ExecResult(out, false, "", null, false, true), true)
            .contains("the connection was lost, or the server closed the channel"));
    assertTrue(
        explain(new ExecResult(out, true, "", null, false, false), true)
            .contains("exceeded the size cap"));
  }

  @Test
  void noBundleCarriesTheExitStatusAndTheFirstLinesTheShellPrinted() {
    String m =
        explain(
            "Welcome to host1\n\nUnauthorized access prohibited\nline 4\n",
            "Session setup failed\n",
            254,
            true);
    assertEquals(
        "no collector output: the remote command exited with status 254; it printed:"
            + " \"Welcome to host1 | Unauthorized access prohibited | line 4\";"
            + " stderr: \"Session setup failed\"",
        m);
  }

  @Test
  void sudoRefusalIsRecognisedOnlyFromSudosOwnRefusals() {
    assertEquals(
        "no collector output: sudo -n refused (this user has no passwordless sudo):"
            + " sudo: a password is required",
        explain("", "sudo: a password is required\n", 1, true));
    String warning = "sudo: unable to resolve host web1: Name or service not known\n";
    String m = explain("", warning + "Killed\n", null, true);
    assertFalse(m.contains("refused"), m);
    assertTrue(m.contains("unable to resolve host web1"), m);
    // a warning next to a bundle that was cut short is reported as stderr, never as a refusal
    m = explain(CUT, warning, 0, true);
    assertTrue(m.startsWith("collector output ended early"), m);
    assertFalse(m.contains("refused"), m);
  }

  @Test
  void missingSudoAndEmptyOutputGetAHint() {
    assertEquals(
        "no collector output: the login shell found no sudo command (sh: 1: sudo: not found):"
            + " install sudo, or set sudo: false for this host",
        explain("", "sh: 1: sudo: not found\n", 127, true));
    assertTrue(
        explain("", "", 1, false)
            .endsWith("it printed nothing (a login shell such as /bin/false?)"));
    assertTrue(
        explain("This account is for file transfers only\n", "", 0, true).contains("ForceCommand"));
  }

  @Test
  void hostileOutputIsQuotedWithoutControlCharactersAndBounded() {
    String m = explain("\u001b]0;pwned\u0007" + "x".repeat(5000) + "\n", "", 1, false);
    assertFalse(m.contains("\u001b"), m);
    assertFalse(m.contains("\u0007"), m);
    assertTrue(m.length() < 400, m);
  }
}
