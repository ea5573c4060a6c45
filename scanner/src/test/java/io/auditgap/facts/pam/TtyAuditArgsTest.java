package io.auditgap.facts.pam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.facts.pam.TtyAuditArgs.Command;
import java.util.List;
import org.junit.jupiter.api.Test;

class TtyAuditArgsTest {
  private static Command decide(String user, String... args) {
    return TtyAuditArgs.parse(List.of(args)).decide(user).command();
  }

  @Test
  void enableStarCoversEveryone() {
    assertEquals(Command.ENABLE, decide("alice", "enable=*"));
    assertEquals(Command.ENABLE, decide("root", "enable=*"));
  }

  @Test
  void laterMatchingArgumentWins() {
    // audit-userspace 30-pci-dss-v31.rules: only root
    assertEquals(Command.DISABLE, decide("alice", "disable=*", "enable=root"));
    assertEquals(Command.ENABLE, decide("root", "disable=*", "enable=root"));
    assertEquals(Command.DISABLE, decide("root", "enable=*", "disable=root"));
    assertEquals(Command.ENABLE, decide("alice", "enable=*", "disable=root"));
  }

  @Test
  void argumentThatMatchesNobodyChangesNothing() {
    assertEquals(Command.NONE, decide("alice", "enable=root,adm*"));
    assertEquals(Command.ENABLE, decide("admin", "enable=root,adm*"));
    assertEquals(Command.NONE, decide("alice", "enable="));
    assertEquals(Command.NONE, decide("alice", "enable=,"));
  }

  @Test
  void misspeltOptionsAreIgnoredLikeTheModuleDoes() {
    TtyAuditArgs a = TtyAuditArgs.parse(List.of("enabled=*", "enable", "log_passwd", "open_only"));
    assertEquals(Command.NONE, a.decide("alice").command());
    assertEquals(List.of("enabled=*", "enable"), a.unknown());
    assertTrue(a.logPasswd());
    assertTrue(a.openOnly());
  }
}
