package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A control is ok only when one of its checks passed; all-not-applicable is not assessed. */
class ControlStatesTest {
  private static Finding f(String check, Status st, String control) {
    return new Finding(
        check,
        check,
        Severity.HIGH,
        st,
        st == Status.NOT_APPLICABLE ? "the host is a container; audit belongs to its host" : "r",
        List.of(),
        "",
        Map.of("soc2", List.of(control)));
  }

  private static ScanResult scan(List<Finding> a, List<Finding> b) {
    return new ScanResult(
        "1",
        Instant.EPOCH,
        Instant.EPOCH,
        "inv.yaml",
        "baseline",
        List.of(
            new HostResult("a", "10.0.0.1:22", HostStatus.ASSESSED, null, null, a, null),
            new HostResult("b", "10.0.0.2:22", HostStatus.ASSESSED, null, null, b, null)));
  }

  private static Map<String, ControlStates.Control> byId(ScanResult r) {
    List<ControlStates.Framework> fws = ControlStates.of(r);
    assertEquals(1, fws.size());
    Map<String, ControlStates.Control> m = new java.util.TreeMap<>();
    fws.get(0).controls().forEach(c -> m.put(c.id(), c));
    return m;
  }

  @Test
  void statesFollowWhatWasSeen() {
    ScanResult r =
        scan(
            List.of(
                f("x.na", Status.NOT_APPLICABLE, "CC6.1"),
                f("x.pass", Status.PASS, "CC7.2"),
                f("x.na2", Status.NOT_APPLICABLE, "CC7.2"),
                f("x.unknown", Status.UNKNOWN, "CC7.3"),
                f("x.fail", Status.FAIL, "CC7.4")),
            List.of(
                f("x.na", Status.NOT_APPLICABLE, "CC6.1"),
                f("x.pass", Status.PASS, "CC7.3"),
                f("x.pass2", Status.PASS, "CC7.4")));
    Map<String, ControlStates.Control> c = byId(r);
    assertEquals(ControlStates.NOT_ASSESSED, c.get("CC6.1").state());
    assertTrue(c.get("CC6.1").reason().contains("not applicable"), c.get("CC6.1").reason());
    assertTrue(c.get("CC6.1").reason().contains("container"), c.get("CC6.1").reason());
    assertEquals(ControlStates.OK, c.get("CC7.2").state());
    assertEquals("", c.get("CC7.2").reason());
    assertEquals(ControlStates.UNKNOWN, c.get("CC7.3").state(), "a pass elsewhere is not ok");
    assertEquals(ControlStates.GAP, c.get("CC7.4").state());
    assertEquals(List.of("a"), List.copyOf(c.get("CC7.4").gapHosts().values()));
  }

  @Test
  void aFrameworkWhoseChecksAreAllNotApplicableHasNoOkControl() throws Exception {
    ScanResult r =
        scan(
            List.of(
                f("a.one", Status.NOT_APPLICABLE, "CC6.1"),
                f("a.two", Status.NOT_APPLICABLE, "CC7.2")),
            List.of(f("a.one", Status.NOT_APPLICABLE, "CC6.1")));
    ControlStates.Framework fw = ControlStates.of(r).get(0);
    assertEquals(0, fw.count(ControlStates.OK));
    assertEquals(2, fw.count(ControlStates.NOT_ASSESSED));

    // every format says the same
    String console = new ConsoleReport(false).render(r);
    assertTrue(
        console.contains("SOC 2  2 controls: 0 gap, 0 unknown, 2 not assessed, 0 ok"), console);
    String json = new JsonReportWriter().toJson(r);
    assertTrue(json.contains("\"not_assessed\" : 2"), json);
    assertTrue(json.contains("\"state\" : \"not_assessed\""), json);
    StringWriter csv = new StringWriter();
    new CsvReportWriter().writeControls(r, csv);
    assertTrue(csv.toString().startsWith(CsvReportWriter.CONTROLS_HEADER + "\r\n"), csv.toString());
    assertTrue(csv.toString().contains("SOC 2,CC6.1,not_assessed,"), csv.toString());
    StringWriter htmlOut = new StringWriter();
    new HtmlReportWriter().write(r, htmlOut);
    String html = htmlOut.toString();
    assertTrue(html.contains("class=\"ctl-not_assessed\""), html);
    assertTrue(!html.contains("class=\"ctl-ok\""), "no control is ok");
  }
}
