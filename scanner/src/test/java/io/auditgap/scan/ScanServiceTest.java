package io.auditgap.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckDefinition;
import io.auditgap.checks.CheckEvaluator;
import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Matcher;
import io.auditgap.checks.MatcherRegistry;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.CollectorLimits;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SnapshotFacts;
import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.transport.LocalTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The scan's orchestration with the real collector on the local machine: order, deadlines, honesty.
 */
class ScanServiceTest {

  /** Passes when a command printed "ok"; what it did not see stays unknown. */
  record EchoMatcher(String name, CollectionItem.Command item) implements Matcher {
    @Override
    public Set<CollectionItem> needs() {
      return Set.of(item);
    }

    @Override
    public Verdict evaluate(CheckParams params, Facts facts) {
      Observed<io.auditgap.collect.SnapshotItem> o =
          SnapshotFacts.command(facts.snapshot(), item.name());
      if (!o.isSeen()) {
        return Verdict.unknown(((Observed.Unseen<?>) o).reason());
      }
      return o.value().text().strip().equals("ok")
          ? Verdict.pass("said ok", List.of())
          : Verdict.fail("did not say ok", List.of());
    }
  }

  private static CheckDefinition check(String id, String matcher) {
    return new CheckDefinition(
        id,
        "test",
        id,
        Severity.HIGH,
        matcher,
        Map.of(),
        "r",
        "m",
        Map.of("nist", List.of("AU-2")),
        List.of("baseline"),
        "test");
  }

  private static ScanResult scan(
      List<HostSpec> hosts, Duration hostTimeout, int parallel, Matcher... ms) {
    MatcherRegistry registry = new MatcherRegistry(List.of(ms));
    List<CheckDefinition> checks =
        java.util.Arrays.stream(ms).map(m -> check("t." + m.name(), m.name())).toList();
    ScanOptions options =
        new ScanOptions(
            parallel,
            Duration.ofSeconds(5),
            hostTimeout,
            new CollectorLimits(1 << 16, 1 << 20, 50, Duration.ofSeconds(30)),
            "baseline",
            Map.of());
    LocalTransport local = new LocalTransport();
    return new ScanService(
            h -> local, new CheckEvaluator(checks, registry), options, Clock.systemUTC(), "test")
        .scan(new Inventory("test", hosts), ScanListener.NONE);
  }

  @Test
  void everyHostAppearsInInventoryOrderWithOneExecEach() {
    List<HostSpec> hosts =
        List.of(HostSpec.local("c", false), HostSpec.local("a", false), HostSpec.local("b", false));
    ScanResult r =
        scan(
            hosts,
            Duration.ofSeconds(60),
            2,
            new EchoMatcher("echo", new CollectionItem.Command("echo", "echo ok")));
    assertEquals(List.of("c", "a", "b"), r.hosts().stream().map(HostResult::name).toList());
    for (HostResult h : r.hosts()) {
      assertEquals(HostStatus.ASSESSED, h.status(), h.toString());
      assertEquals(1, h.stats().execChannels());
      assertEquals(Status.PASS, h.findings().get(0).status());
    }
  }

  @Test
  void aHostPastItsDeadlineIsReportedWithWhatWasCollectedNeverAsPass() {
    ScanResult r =
        scan(
            List.of(HostSpec.local("slow", false)),
            Duration.ofSeconds(2),
            1,
            new EchoMatcher("first", new CollectionItem.Command("a-first", "echo ok")),
            new EchoMatcher("hang", new CollectionItem.Command("b-hang", "sleep 60; echo ok")));
    HostResult h = r.hosts().get(0);
    assertEquals(HostStatus.PARTIAL, h.status(), h.toString());
    assertTrue(h.reason().contains("timed out"), h.reason());
    Map<String, Status> byCheck =
        h.findings().stream()
            .collect(java.util.stream.Collectors.toMap(Finding::check, Finding::status));
    // The item collected before the deadline still counts; the one cut off is unknown, not fail.
    assertEquals(Status.PASS, byCheck.get("t.first"));
    assertEquals(Status.UNKNOWN, byCheck.get("t.hang"));
  }
}
