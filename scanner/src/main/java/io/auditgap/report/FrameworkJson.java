package io.auditgap.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One framework's controls in {@code report.json}: derived from the findings' references ({@link
 * ControlStates}) for consumers of the file, recomputed rather than read.
 */
record FrameworkJson(String name, Map<String, Integer> controlsByState, List<Control> controls) {

  static FrameworkJson of(ControlStates.Framework fw) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String state : ControlStates.ORDER) {
      counts.put(state, fw.count(state));
    }
    List<Control> controls = new ArrayList<>();
    for (ControlStates.Control c : fw.controls()) {
      controls.add(
          new Control(
              c.id(), c.state(), c.reason(), c.checks(), new ArrayList<>(c.gapHosts().values())));
    }
    return new FrameworkJson(fw.name(), counts, controls);
  }

  /** A control's state, why it is not ok, the checks mapping to it and the hosts with a gap. */
  record Control(
      String id, String state, String reason, List<String> checks, List<String> gapHosts) {}
}
