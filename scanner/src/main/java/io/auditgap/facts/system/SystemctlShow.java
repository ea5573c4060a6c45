package io.auditgap.facts.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code systemctl show -p ...} output: {@code KEY=VALUE} lines, one blank-line separated
 * block per unit. Every family that asks systemd about services reads it through here.
 */
public final class SystemctlShow {
  private SystemctlShow() {}

  /** One property map per unit, in output order; blocks without any property are skipped. */
  public static List<Map<String, String>> units(String text) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String block : text.split("\n\\s*\n")) {
      Map<String, String> p = new LinkedHashMap<>();
      for (String line : block.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          p.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
      }
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * A service's state from one unit's properties.
   *
   * @param activeSubStates the {@code SubState}s that count as running ({@code running}; sockets
   *     also {@code listening})
   */
  public static ServiceState state(
      String unit, Map<String, String> p, Set<String> activeSubStates) {
    boolean loaded = "loaded".equals(p.get("LoadState"));
    boolean active =
        "active".equals(p.get("ActiveState"))
            && activeSubStates.contains(p.getOrDefault("SubState", ""));
    String ufs = p.getOrDefault("UnitFileState", "");
    Boolean enabled =
        switch (ufs) {
          case "enabled", "enabled-runtime", "static", "alias", "indirect", "generated" -> true;
          case "" -> null;
          default -> false;
        };
    String detail =
        "LoadState="
            + p.getOrDefault("LoadState", "?")
            + " ActiveState="
            + p.getOrDefault("ActiveState", "?")
            + " SubState="
            + p.getOrDefault("SubState", "?")
            + " UnitFileState="
            + ufs;
    return new ServiceState(unit, "systemd", loaded, active, enabled, detail);
  }
}
