package io.auditgap.checks.scenarios;

import io.auditgap.checks.Status;
import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One scenario of one check: a small tree beside the check's other scenarios, {@code
 * scenarios/CHECK/VERDICT-NAME/}, read as the collector would have reported that host.
 *
 * <ul>
 *   <li>{@code files/PATH}: a file the host has, with its content; a directory under {@code files/}
 *       is listed with the files in it. A file or directory the check reads that is not there does
 *       not exist on the host.
 *   <li>{@code commands/NAME}: the output of the collector command {@code NAME} (exit status 0
 *       unless {@code exit:} says otherwise). A command without output here was not collected.
 *   <li>{@code scenario.yaml}: {@code profile} (default baseline), {@code reason} (text the
 *       verdict's reason contains), {@code exit: {NAME: status}}, {@code status: {"file:PATH": 13}}
 *       (13: permission denied), {@code listings: {DIR: "f\tname\n..."}} where a listing is not
 *       what {@code files/} shows, {@code missing: ["file:PATH", ...]} for items not collected,
 *       {@code collected_at}.
 * </ul>
 */
record Scenario(String check, Status expected, String name, Path dir, Map<String, Object> meta) {

  static Scenario at(Path dir) {
    String check = dir.getParent().getFileName().toString();
    String name = dir.getFileName().toString();
    Status expected = null;
    for (Status s : Status.values()) {
      String prefix = s.name().toLowerCase(Locale.ROOT).replace('_', '-');
      if (name.equals(prefix) || name.startsWith(prefix + "-")) {
        expected = s;
      }
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    Path yaml = dir.resolve("scenario.yaml");
    if (Files.exists(yaml)) {
      try {
        Object o =
            new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(yaml, StandardCharsets.UTF_8));
        if (o instanceof Map<?, ?> m) {
          m.forEach((k, v) -> meta.put(k.toString(), v));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Scenario(check, expected, name, dir, meta);
  }

  String profile() {
    return meta.getOrDefault("profile", "baseline").toString();
  }

  String reason() {
    Object r = meta.get("reason");
    return r == null ? "" : r.toString();
  }

  /** The snapshot of the items {@code needs} asks for, as the collector would return them. */
  HostSnapshot snapshot(Iterable<CollectionItem> needs) throws IOException {
    Map<String, SnapshotItem> items = new LinkedHashMap<>();
    Map<?, ?> status = map("status");
    Map<?, ?> exits = map("exit");
    Map<?, ?> listings = map("listings");
    List<?> missing = meta.get("missing") instanceof List<?> l ? l : List.of();
    for (CollectionItem need : needs) {
      String key = need.key();
      if (missing.contains(key)) {
        continue;
      }
      if (status.containsKey(key)) {
        String[] kn = key.split(":", 2);
        put(items, kn[0], kn[1], ((Number) status.get(key)).intValue(), "");
        continue;
      }
      if (need instanceof CollectionItem.File f) {
        Path p = files(f.path());
        if (Files.isRegularFile(p)) {
          put(items, "file", f.path(), 0, Files.readString(p, StandardCharsets.UTF_8));
        } else {
          put(items, "file", f.path(), SnapshotItem.ABSENT, "");
        }
      } else if (need instanceof CollectionItem.Directory d) {
        directory(items, d.path(), listings);
      } else if (need instanceof CollectionItem.Command c) {
        Path p = dir.resolve("commands").resolve(c.name());
        if (Files.isRegularFile(p)) {
          Object exit = exits.get(c.name());
          put(
              items,
              "cmd",
              c.name(),
              exit == null ? 0 : ((Number) exit).intValue(),
              Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    long total = items.values().stream().mapToLong(SnapshotItem::size).sum();
    Object at = meta.get("collected_at");
    return new HostSnapshot(
        name,
        Instant.parse(at == null ? "2026-01-01T00:00:00Z" : at.toString()),
        items,
        total,
        true,
        null);
  }

  private void directory(Map<String, SnapshotItem> items, String path, Map<?, ?> listings)
      throws IOException {
    Path p = files(path);
    if (!Files.isDirectory(p)) {
      // an empty directory cannot be kept in git: scenario.yaml lists it with an empty listing
      Object listing = listings.get(path);
      put(
          items,
          "dir",
          path,
          listing == null ? SnapshotItem.ABSENT : 0,
          listing == null ? "" : listing.toString());
      return;
    }
    List<String> lines = new ArrayList<>();
    try (Stream<Path> s = Files.list(p)) {
      for (Path f : s.sorted().toList()) {
        if (Files.isRegularFile(f)) {
          String file = path.replaceAll("/$", "") + "/" + f.getFileName();
          lines.add("f\t" + f.getFileName());
          put(items, "file", file, 0, Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    }
    Object listing = listings.get(path);
    String text = listing != null ? listing.toString() : String.join("\n", lines);
    if (listing == null && !lines.isEmpty()) {
      text += "\n";
    }
    put(items, "dir", path, 0, text);
  }

  private Path files(String path) {
    return dir.resolve("files").resolve(path.replaceAll("^/+", ""));
  }

  private Map<?, ?> map(String key) {
    return meta.get(key) instanceof Map<?, ?> m ? m : Map.of();
  }

  private static void put(
      Map<String, SnapshotItem> items, String kind, String name, int status, String text) {
    SnapshotItem i =
        new SnapshotItem(
            kind, name, status, text, text.getBytes(StandardCharsets.UTF_8).length, false);
    items.put(i.key(), i);
  }

  @Override
  public String toString() {
    return check + "/" + name;
  }
}
