package io.auditgap.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.auditgap.inventory.InventoryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaiverFileTest {
  static final Path DIR = Path.of("src", "test", "resources", "review");

  @Test
  void readsTheDocumentedShape() throws Exception {
    List<Waiver> ws = WaiverFile.load(DIR.resolve("waivers.yaml"));
    assertEquals(4, ws.size());
    Waiver w = ws.get(0);
    assertEquals("audit.execve", w.check());
    assertEquals(List.of("web-*", "legacy-db"), w.hosts());
    assertEquals("root-only execve auditing accepted until the Q3 rollout", w.justification());
    assertEquals("secops", w.owner());
    assertEquals("SEC-101", w.ticket());
    assertEquals(LocalDate.of(2027, 3, 31), w.expires());
    assertEquals(DIR.resolve("waivers.yaml") + ":3:5", w.origin());
    assertEquals(List.of("web-1"), ws.get(2).hosts(), "a single host without brackets");
    assertEquals("", ws.get(1).owner());
  }

  @Test
  void refusesAWaiverWithoutJustificationWithFileLineColumn() {
    WaiverException e =
        assertThrows(
            WaiverException.class, () -> WaiverFile.load(DIR.resolve("no-justification.yaml")));
    assertEquals(
        DIR.resolve("no-justification.yaml")
            + ":2:5: waiver for 'audit.execve' has no justification; add justification: why the"
            + " risk is accepted (it is shown in every report)",
        e.getMessage());
  }

  @Test
  void refusesAWaiverWithoutExpiryWithFileLineColumn() {
    WaiverException e =
        assertThrows(WaiverException.class, () -> WaiverFile.load(DIR.resolve("no-expiry.yaml")));
    assertEquals(
        DIR.resolve("no-expiry.yaml")
            + ":2:5: waiver for 'audit.execve' has no expires; add expires: the last day it"
            + " applies, e.g. expires: 2027-03-31",
        e.getMessage());
  }

  @Test
  void refusesADateInAnotherFormatAtTheValue() {
    WaiverException e =
        assertThrows(WaiverException.class, () -> WaiverFile.load(DIR.resolve("bad-date.yaml")));
    assertEquals(
        DIR.resolve("bad-date.yaml")
            + ":5:14: expires must be a date written YYYY-MM-DD (got '31/03/2027')",
        e.getMessage());
  }

  @Test
  void refusesAMistypedKeyInsteadOfWaivingEveryHost() {
    WaiverException e =
        assertThrows(WaiverException.class, () -> WaiverFile.load(DIR.resolve("typo.yaml")));
    assertEquals(
        DIR.resolve("typo.yaml")
            + ":3:5: unknown key 'host'; valid keys are check, hosts, justification, owner,"
            + " ticket, expires",
        e.getMessage());
  }

  @Test
  void aKeyWithALineBreakOrAnEscapeIsShownInertOnOneLine(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("waivers.yaml");
    Files.writeString(f, "waivers:\n  - check: audit.execve\n    \"ho\\nst\\e[2J\": [web-1]\n");
    WaiverException e = assertThrows(WaiverException.class, () -> WaiverFile.load(f));
    assertEquals(
        f
            + ":3:5: unknown key 'ho\\nst\\x1b[2J'; valid keys are check, hosts, justification,"
            + " owner, ticket, expires",
        e.getMessage());
  }

  @Test
  void inventoryWaiversAtTheTopUnderGroupsAndHosts() throws Exception {
    Path inv = DIR.resolve("inventory.yaml");
    // The inventory loader accepts the waivers keys (and leaves them to the review stage).
    assertEquals(2, new InventoryLoader().load(inv).hosts().size());
    List<Waiver> ws = WaiverFile.fromInventory(inv);
    assertEquals(3, ws.size());
    assertEquals("sudo.io-logging", ws.get(0).check());
    assertEquals(List.of("databases"), ws.get(0).hosts(), "a group's waiver covers the group");
    assertEquals("audit.immutable", ws.get(1).check());
    assertEquals(List.of("db-1"), ws.get(1).hosts(), "a host's waiver covers the host");
    assertEquals(inv + ":17:9", ws.get(1).origin());
    assertEquals(List.of("*"), ws.get(2).hosts());
    assertEquals("SEC-7", ws.get(2).ticket());
  }

  @Test
  void anInlineWaiverNamingOtherHostsIsRefused() {
    Path inv = DIR.resolve("inventory-hosts-inline.yaml");
    WaiverException e = assertThrows(WaiverException.class, () -> WaiverFile.fromInventory(inv));
    assertEquals(
        inv
            + ":6:9: a waiver under 'db-1' covers it already; remove hosts, or move the waiver to"
            + " the top level",
        e.getMessage());
  }
}
