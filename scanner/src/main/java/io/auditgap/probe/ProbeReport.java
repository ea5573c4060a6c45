package io.auditgap.probe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One probe run: when, with which timeouts, and a result for every target in target order. This is
 * what {@code probe.json} holds and what {@code --baseline} reads back.
 *
 * @param version format version ({@link #FORMAT_VERSION})
 * @param toolVersion auditgap version that wrote it
 * @param connectTimeoutMs TCP connect timeout used
 * @param bannerTimeoutMs identification-string timeout used
 */
@JsonPropertyOrder({
  "version",
  "tool_version",
  "started_at",
  "finished_at",
  "connect_timeout_ms",
  "banner_timeout_ms",
  "targets"
})
public record ProbeReport(
    @JsonProperty("version") int version,
    @JsonProperty("tool_version") String toolVersion,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("finished_at") Instant finishedAt,
    @JsonProperty("connect_timeout_ms") long connectTimeoutMs,
    @JsonProperty("banner_timeout_ms") long bannerTimeoutMs,
    @JsonProperty("targets") List<PortResult> targets) {
  public static final int FORMAT_VERSION = 1;

  public ProbeReport {
    Objects.requireNonNull(targets, "targets");
    targets = List.copyOf(targets);
  }

  /** Results of one host, in target order. */
  @JsonIgnore
  public List<PortResult> forHost(String host) {
    return targets.stream().filter(r -> r.host().equals(host)).toList();
  }
}
