package io.auditgap.scan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.auditgap.checks.CheckCatalog;
import io.auditgap.checks.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a host's snapshot was evaluated, saved beside it so that {@code evaluate} gives the scan's
 * verdicts: the profile, every check parameter in force for the host (inventory {@code params:}
 * with the command line's on top) and the exposure probe's findings, which no snapshot can
 * reproduce because they were observed over the network.
 *
 * @param profile the profile the checks were selected and resolved for
 * @param params the typed check parameters, profile excluded
 * @param exposure the probe's findings for the host as observed (no catalog metadata), empty when
 *     the scan did not probe
 */
public record EvaluatedWith(String profile, Map<String, Object> params, List<Finding> exposure) {
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public EvaluatedWith {
    params = Map.copyOf(params);
    exposure = List.copyOf(exposure);
  }

  /** The same with the exposure findings the probe gave afterwards. */
  public EvaluatedWith withExposure(List<Finding> findings) {
    return new EvaluatedWith(profile, params, findings);
  }

  /** Plain JSON values for the snapshot file. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("profile", profile);
    m.put("params", params);
    m.put("exposure", JSON.convertValue(exposure, List.class));
    return m;
  }

  /**
   * Reads what {@link #toMap} wrote; null for a snapshot saved without it (an older scan).
   *
   * @throws IllegalArgumentException when the values are not what {@link #toMap} writes
   */
  @SuppressWarnings("unchecked")
  public static EvaluatedWith fromMap(Map<String, Object> m) {
    if (m == null || m.isEmpty()) {
      return null;
    }
    if (!(m.get("profile") instanceof String profile)
        || !(m.get("params") instanceof Map<?, ?> params)) {
      throw new IllegalArgumentException("evaluatedWith needs a profile and params");
    }
    if (!CheckCatalog.PROFILES.contains(profile)) {
      throw new IllegalArgumentException("evaluatedWith: unknown profile '" + profile + "'");
    }
    Object exposure = m.getOrDefault("exposure", List.of());
    return new EvaluatedWith(
        profile,
        (Map<String, Object>) params,
        List.of(JSON.convertValue(exposure, Finding[].class)));
  }
}
