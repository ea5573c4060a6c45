package io.auditgap.report;

import io.auditgap.checks.Finding;
import io.auditgap.checks.Status;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.TerminalText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of every framework control referenced by the scan's checks, computed once so that every
 * format (console, JSON, CSV, HTML, PDF) says the same.
 *
 * <p>A control is {@code gap} when one of its checks failed on a host, {@code unknown} when none
 * failed but one could not be determined, {@code ok} only when at least one of its checks passed
 * and none failed or is unknown, and {@code not_assessed} otherwise: every check that maps to it
 * was not applicable (a container, no sshd) or not evaluated, so nothing was seen that supports it.
 */
public final class ControlStates {
  public static final String GAP = "gap";
  public static final String UNKNOWN = "unknown";
  public static final String OK = "ok";
  public static final String NOT_ASSESSED = "not_assessed";

  /** Display order of the states in summaries. */
  public static final List<String> ORDER = List.of(GAP, UNKNOWN, NOT_ASSESSED, OK);

  /** Frameworks of the per-framework view, in display order, by reference-key prefix. */
  private static final String[][] FRAMEWORKS = {
    {"soc2", "SOC 2"},
    {"soc_2", "SOC 2"},
    {"iso27001", "ISO 27001"},
    {"iso_27001", "ISO 27001"},
    {"hipaa", "HIPAA"},
    {"pci", "PCI DSS"},
    {"nist", "NIST 800-53"},
    {"cis", "CIS"},
    {"stig", "DISA STIG"},
  };

  /**
   * One control.
   *
   * @param gapHosts host index → name, hosts where one of its checks failed, in scan order
   * @param reason why the control is not {@code ok}: for {@code not_assessed} what its checks said
   *     instead of passing; empty for {@code ok}
   */
  public record Control(
      String id,
      String state,
      String reason,
      List<String> checks,
      List<String> failingChecks,
      Map<Integer, String> gapHosts,
      int unknownHosts,
      int passHosts,
      int notApplicableHosts) {}

  public record Framework(String key, String name, List<Control> controls) {
    public int count(String state) {
      return (int) controls.stream().filter(c -> c.state().equals(state)).count();
    }
  }

  private ControlStates() {}

  public static List<Framework> of(ScanResult r) {
    Collector c = new Collector();
    for (int i = 0; i < r.hosts().size(); i++) {
      HostResult h = r.hosts().get(i);
      String name = TerminalText.line(h.name(), ReportModel.NAME_MAX);
      for (Finding f : h.findings()) {
        c.add(f, i, name);
      }
    }
    return c.frameworks();
  }

  /** Display name of a reference framework key ({@code pci_dss_4} is PCI DSS). */
  static String frameworkName(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String[] f : FRAMEWORKS) {
      if (k.startsWith(f[0])) {
        return f[1];
      }
    }
    return key;
  }

  private static int frameworkRank(String name) {
    for (int i = 0; i < FRAMEWORKS.length; i++) {
      if (FRAMEWORKS[i][1].equals(name)) {
        return i;
      }
    }
    return FRAMEWORKS.length;
  }

  /** Gathers framework → control → (checks, hosts by state) in first-seen order. */
  private static final class Collector {
    private final Map<String, Map<String, Acc>> byFramework = new LinkedHashMap<>();

    private static final class Acc {
      final Set<String> checks = new LinkedHashSet<>();
      final Set<String> failing = new LinkedHashSet<>();
      final Map<Integer, String> gap = new LinkedHashMap<>();
      final Set<Integer> unknown = new LinkedHashSet<>();
      final Set<Integer> pass = new LinkedHashSet<>();
      final Set<Integer> notApplicable = new LinkedHashSet<>();
      // The first reason per kind, so a not-assessed or unknown control says why.
      String firstNotApplicable = "";
      String firstUnknown = "";
    }

    void add(Finding f, int host, String hostName) {
      Status st = f.status() == null ? Status.UNKNOWN : f.status();
      String check = TerminalText.line(f.check(), ReportModel.NAME_MAX);
      for (Map.Entry<String, List<String>> e : new TreeMap<>(f.references()).entrySet()) {
        String fw = frameworkName(TerminalText.line(e.getKey(), ReportModel.NAME_MAX));
        Map<String, Acc> controls = byFramework.computeIfAbsent(fw, k -> new TreeMap<>());
        for (String id : e.getValue()) {
          Acc c =
              controls.computeIfAbsent(TerminalText.line(id, ReportModel.NAME_MAX), k -> new Acc());
          c.checks.add(check);
          switch (st) {
            case FAIL -> {
              c.failing.add(check);
              c.gap.putIfAbsent(host, hostName);
            }
            case UNKNOWN -> {
              c.unknown.add(host);
              if (c.firstUnknown.isEmpty()) {
                c.firstUnknown = check + " on " + hostName + ": " + reason(f);
              }
            }
            case PASS -> c.pass.add(host);
            case NOT_APPLICABLE -> {
              c.notApplicable.add(host);
              if (c.firstNotApplicable.isEmpty()) {
                c.firstNotApplicable = check + " on " + hostName + ": " + reason(f);
              }
            }
          }
        }
      }
    }

    private static String reason(Finding f) {
      return TerminalText.line(f.reason(), 300);
    }

    List<Framework> frameworks() {
      List<String> names = new ArrayList<>(byFramework.keySet());
      names.sort(
          (a, b) -> {
            int c = Integer.compare(frameworkRank(a), frameworkRank(b));
            return c != 0 ? c : a.compareTo(b);
          });
      List<Framework> out = new ArrayList<>();
      for (String name : names) {
        List<Control> controls = new ArrayList<>();
        for (Map.Entry<String, Acc> e : byFramework.get(name).entrySet()) {
          Acc c = e.getValue();
          String state;
          String reason;
          if (!c.gap.isEmpty()) {
            state = GAP;
            reason = "failing: " + String.join(", ", c.failing);
          } else if (!c.unknown.isEmpty()) {
            state = UNKNOWN;
            reason = "could not be determined: " + c.firstUnknown;
          } else if (!c.pass.isEmpty()) {
            state = OK;
            reason = "";
          } else {
            state = NOT_ASSESSED;
            reason =
                c.notApplicable.isEmpty()
                    ? "none of its checks was evaluated"
                    : "no check passed, every one was not applicable: " + c.firstNotApplicable;
          }
          controls.add(
              new Control(
                  e.getKey(),
                  state,
                  reason,
                  List.copyOf(c.checks),
                  List.copyOf(c.failing),
                  java.util.Collections.unmodifiableMap(new LinkedHashMap<>(c.gap)),
                  c.unknown.size(),
                  c.pass.size(),
                  c.notApplicable.size()));
        }
        String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        out.add(new Framework(key, name, List.copyOf(controls)));
      }
      return List.copyOf(out);
    }
  }
}
