package io.auditgap.collect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads host snapshots as JSON, so that a scan can be re-evaluated offline (new checks,
 * new profile) without touching the hosts again.
 */
public final class SnapshotStore {
  static final int FORMAT = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private SnapshotStore() {}

  /** The wire form: plain values only, so the file stays readable and stable. */
  record Stored(
      int format,
      String host,
      String collectedAt,
      long totalBytes,
      boolean complete,
      String problem,
      List<SnapshotItem> items,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> evaluatedWith) {}

  /**
   * A snapshot as saved, with how the scan that saved it evaluated it (profile, parameters, the
   * exposure probe's findings) so that an offline evaluation can give the same verdicts.
   *
   * @param evaluatedWith plain JSON values; empty for a snapshot saved without them
   */
  public record Saved(HostSnapshot snapshot, Map<String, Object> evaluatedWith) {
    public Saved {
      evaluatedWith = evaluatedWith == null ? Map.of() : evaluatedWith;
    }
  }

  public static String toJson(HostSnapshot s) {
    return toJson(s, null);
  }

  /** The saved form, with how the snapshot was evaluated (plain JSON values, or null). */
  public static String toJson(HostSnapshot s, Map<String, Object> evaluatedWith) {
    try {
      return JSON.writeValueAsString(
          new Stored(
              FORMAT,
              s.host(),
              s.collectedAt().toString(),
              s.totalBytes(),
              s.complete(),
              s.problem(),
              List.copyOf(s.items().values()),
              evaluatedWith));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise snapshot", e);
    }
  }

  public static HostSnapshot fromJson(String json, String label) throws IOException {
    return read(json, label).snapshot();
  }

  /** The snapshot and how it was evaluated when saved. */
  public static Saved read(String json, String label) throws IOException {
    Stored st;
    try {
      st = JSON.readValue(json, Stored.class);
    } catch (JsonProcessingException e) {
      throw new IOException(
          label
              + (e.getLocation() == null
                  ? ""
                  : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr())
              + ": not a snapshot file: "
              + e.getOriginalMessage());
    }
    if (st.format() != FORMAT || st.host() == null || st.items() == null) {
      throw new IOException(label + ": not an auditgap snapshot (format " + st.format() + ")");
    }
    Map<String, SnapshotItem> items = new LinkedHashMap<>();
    for (SnapshotItem i : st.items()) {
      if (i.kind() == null || i.name() == null || i.text() == null) {
        throw new IOException(label + ": snapshot item without kind, name or text");
      }
      items.putIfAbsent(i.key(), i);
    }
    Instant at;
    try {
      at = Instant.parse(st.collectedAt());
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IOException(label + ": collectedAt is not an ISO-8601 instant");
    }
    return new Saved(
        new HostSnapshot(st.host(), at, items, st.totalBytes(), st.complete(), st.problem()),
        st.evaluatedWith());
  }

  /** Writes {@code dir/<host>.snapshot.json}; host names are reduced to safe file names. */
  public static Path save(HostSnapshot s, Path dir) throws IOException {
    return save(s, null, dir);
  }

  /** Writes {@code dir/<host>.snapshot.json} with how the snapshot was evaluated. */
  public static Path save(HostSnapshot s, Map<String, Object> evaluatedWith, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Path p = fileIn(dir, s.host());
    Files.writeString(p, toJson(s, evaluatedWith), StandardCharsets.UTF_8);
    return p;
  }

  public static HostSnapshot load(Path file) throws IOException {
    return loadSaved(file).snapshot();
  }

  /** A saved snapshot with how the scan that saved it evaluated it. */
  public static Saved loadSaved(Path file) throws IOException {
    return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Where {@link #save} writes the snapshot of {@code host} in {@code dir}. */
  public static Path fileIn(Path dir, String host) {
    return dir.resolve(fileName(host));
  }

  static String fileName(String host) {
    String safe = host.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.isEmpty() || safe.startsWith(".")) {
      safe = "_" + safe;
    }
    return safe + ".snapshot.json";
  }
}
