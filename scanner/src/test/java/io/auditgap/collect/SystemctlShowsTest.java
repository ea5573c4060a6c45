package io.auditgap.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reader's side of the shared systemctl run: which items it cuts from the answer, and what each
 * gets when the run did not answer as asked. The shell's side is in CollectorScriptTest.
 */
class SystemctlShowsTest {
  private static final CollectionItem.Command AUDITD =
      CollectionItem.Command.bounded(
          "systemctl show auditd", "systemctl show -p Id,LoadState,ActiveState auditd.service");
  private static final CollectionItem.Command LOGGING =
      CollectionItem.Command.bounded(
          "systemctl show logging",
          "systemctl show -p Id,ActiveState rsyslog.service syslog-ng.service");
  private static final CollectionItem.Command OTHER_PROFILE =
      CollectionItem.Command.bounded(
          "systemctl show chrony", "systemctl show -p Id,ActiveState chrony.service");
  private static final CollectionItem.Command MORE_PROPS =
      CollectionItem.Command.bounded(
          "systemctl show auditd pid", "systemctl show -p Id,MainPID auditd.service");

  private static final String ANSWER =
      "# shared: Id,LoadState,ActiveState auditd.service rsyslog.service syslog-ng.service\n"
          + "# not asked: syslog-ng.service\n"
          + "Id=auditd.service\nLoadState=loaded\nActiveState=active\n\n"
          + "Id=rsyslog.service\nLoadState=loaded\nActiveState=failed\n";

  private static Map<String, SnapshotItem> split(SnapshotItem shared, CollectionItem... known) {
    Bundle b =
        new Bundle(
            List.of(new SnapshotItem("file", "/etc/x", 0, "x", 1, false), shared), true, null, 0);
    Bundle cut = SystemctlShows.split(b, List.of(known));
    return cut.items().stream().collect(Collectors.toMap(SnapshotItem::name, i -> i));
  }

  private static SnapshotItem shared(int status, String text) {
    return new SnapshotItem("cmd", SystemctlShows.SHARED, status, text, text.length(), false);
  }

  @Test
  void cutsEveryItemTheRunAskedForInItsOwnOrderAndProperties() {
    Map<String, SnapshotItem> items = split(shared(0, ANSWER), AUDITD, LOGGING);
    assertEquals(
        "Id=auditd.service\nLoadState=loaded\nActiveState=active\n",
        items.get("systemctl show auditd").text());
    assertEquals(
        "Id=rsyslog.service\nActiveState=failed\n\n# not asked: no unit file\n"
            + "Id=syslog-ng.service\nActiveState=inactive\n",
        items.get("systemctl show logging").text());
    assertFalse(items.containsKey(SystemctlShows.SHARED), "the shared answer is no item");
    assertEquals("x", items.get("/etc/x").text(), "other items untouched");
  }

  /**
   * An item of another profile than the printed collector's is cut only where the run asked for all
   * it needs: not for a unit or a property it did not ask.
   */
  @Test
  void cutsNoItemTheRunDidNotAskFor() {
    Map<String, SnapshotItem> items = split(shared(0, ANSWER), AUDITD, OTHER_PROFILE, MORE_PROPS);
    assertTrue(items.containsKey("systemctl show auditd"));
    assertFalse(items.containsKey("systemctl show chrony"), "chrony.service was not asked");
    assertFalse(items.containsKey("systemctl show auditd pid"), "MainPID was not asked");
  }

  /** An item the bundle answers itself (it ran on its own) keeps its own answer. */
  @Test
  void keepsAnItemsOwnAnswer() {
    SnapshotItem own = new SnapshotItem("cmd", "systemctl show auditd", 0, "own\n", 4, false);
    Bundle b = new Bundle(List.of(own, shared(0, ANSWER)), true, null, 0);
    List<SnapshotItem> cut = SystemctlShows.split(b, List.of(AUDITD, LOGGING)).items();
    assertEquals(1, cut.stream().filter(i -> i.name().equals("systemctl show auditd")).count());
    assertEquals("own\n", cut.get(0).text());
  }

  /**
   * systemd not running (one error for all), or an answer with fewer blocks than units asked: every
   * item gets the whole answer and its status, as its own run would have printed.
   */
  @Test
  void anAnswerThatIsNotOneBlockPerUnitGoesWholeToEveryItem() {
    String down =
        "# shared: Id,LoadState,ActiveState auditd.service rsyslog.service syslog-ng.service\n"
            + "# not asked:\nSystem has not been booted with systemd as init system (PID 1).\n";
    Map<String, SnapshotItem> items = split(shared(1, down), AUDITD, LOGGING);
    for (String n : List.of("systemctl show auditd", "systemctl show logging")) {
      assertEquals(1, items.get(n).exitStatus(), n);
      assertEquals(
          "System has not been booted with systemd as init system (PID 1).\n", items.get(n).text());
    }
    String short1 = ANSWER.replace("# not asked: syslog-ng.service", "# not asked:");
    Map<String, SnapshotItem> shortItems = split(shared(0, short1), AUDITD, LOGGING);
    assertTrue(
        shortItems.get("systemctl show auditd").text().startsWith("Id=auditd.service\nLoadState"),
        "two blocks for three units asked: the whole answer");
    assertTrue(shortItems.get("systemctl show auditd").text().contains("rsyslog.service"));
  }

  /**
   * The group's timeout ended the run before it said what it asked: every systemctl show item the
   * bundle lacks is reported timed out, none is made up from nothing.
   */
  @Test
  void aRunEndedBeforeItsFirstLineTimesOutEveryItem() {
    Map<String, SnapshotItem> items = split(shared(SnapshotItem.TIMED_OUT, ""), AUDITD, LOGGING);
    assertEquals(SnapshotItem.TIMED_OUT, items.get("systemctl show auditd").exitStatus());
    assertEquals(SnapshotItem.TIMED_OUT, items.get("systemctl show logging").exitStatus());
    assertTrue(items.get("systemctl show logging").problem().contains("timed out"));
  }
}
