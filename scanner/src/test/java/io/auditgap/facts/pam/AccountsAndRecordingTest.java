package io.auditgap.facts.pam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountsAndRecordingTest {

  @Test
  void uidMinFromDebianLoginDefs() {
    assertEquals(
        1000, LocalAccounts.uidMin(PamFixtures.read("pam/debian12/login.defs")).getAsLong());
    assertTrue(LocalAccounts.uidMin("#UID_MIN 500\n").isEmpty());
  }

  @Test
  void passwdAndShells() {
    List<LocalUser> u =
        LocalAccounts.parsePasswd(
            "root:x:0:0:root:/root:/bin/bash\nbroken\nalice:x:1000:1000::/home/alice:/bin/bash\n");
    assertEquals(2, u.size());
    assertEquals(3, u.get(1).line());
    Set<String> shells = LocalAccounts.parseShells(PamFixtures.read("pam/debian12/shells"));
    assertTrue(shells.contains("/bin/bash"));
    assertTrue(LocalAccounts.refusesLogin("/usr/sbin/nologin"));
    assertTrue(LocalAccounts.refusesLogin("/bin/false"));
  }

  @Test
  void tlogWriterComesFromTheSystemFileThenThePackageDefault() {
    String sys = PamFixtures.read("pam/tlog/tlog-rec-session.conf");
    String pkg = PamFixtures.read("pam/tlog/tlog-rec-session.default.conf");
    TlogSettings shipped = TlogSettings.of(Optional.of(sys), Optional.of(pkg));
    assertEquals("journal", shipped.writer());
    assertEquals("/usr/share/tlog/tlog-rec-session.default.conf", shipped.source());
    String fileWriter = sys.replace("// \"writer\" : \"journal\"", "\"writer\" : \"file\"");
    assertEquals("file", TlogSettings.of(Optional.of(fileWriter), Optional.of(pkg)).writer());
    TlogSettings broken = TlogSettings.of(Optional.of("{ \"writer\": syslog }"), Optional.of(pkg));
    assertFalse(broken.problem().isEmpty());
  }

  @Test
  void sssdSnippetsOverrideTheMainFile() {
    SssdSessionRecording r =
        SssdSessionRecording.merge(
            List.of(
                Map.entry(
                    "/etc/sssd/sssd.conf",
                    "[sssd]\ndomains = x\n[session_recording]\nscope = none\n"),
                Map.entry(
                    "/etc/sssd/conf.d/sssd-session-recording.conf",
                    "[session_recording]\nscope = some\ngroups = wheel\n")));
    assertEquals("some", r.scope());
    assertTrue(r.records("alice", Set.of("wheel")));
    assertFalse(r.records("bob", Set.of()));
    assertTrue(r.source().startsWith("/etc/sssd/conf.d/sssd-session-recording.conf:2"));
  }
}
