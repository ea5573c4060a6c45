package io.auditgap.facts.logging;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.text.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads configuration files out of a snapshot and expands include globs against the directory
 * listings the collector took. An include that points somewhere the collector did not look, or that
 * the scan user could not read, is reported as a problem rather than silently skipped: the missing
 * file might be the one that forwards.
 */
public final class SyslogIncludes {
  private final HostSnapshot snapshot;

  public SyslogIncludes(HostSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /** A file's text; empty when absent; null text with a problem when it could not be read. */
  public record Text(String path, Optional<String> content, String problem) {
    public boolean readable() {
      return problem == null;
    }
  }

  /**
   * What an include pattern expanded to.
   *
   * @param files matched files in the order the daemon reads them (sorted by name)
   * @param problems why some of what the pattern may cover could not be seen
   * @param unmatched regular files in the same directory that the pattern does not match
   */
  public record Expansion(
      String pattern, List<String> files, List<String> problems, List<String> unmatched) {
    public Expansion {
      files = List.copyOf(files);
      problems = List.copyOf(problems);
      unmatched = List.copyOf(unmatched);
    }
  }

  public Text read(String path) {
    Optional<SnapshotItem> item = snapshot.file(path);
    if (item.isEmpty()) {
      return new Text(path, Optional.empty(), snapshot.missingReason(path));
    }
    SnapshotItem it = item.get();
    if (it.exitStatus() == SnapshotItem.ABSENT) {
      return new Text(path, Optional.empty(), null);
    }
    String problem = it.problem();
    return problem == null
        ? new Text(path, Optional.of(it.text()), null)
        : new Text(path, Optional.empty(), problem);
  }

  /** True when the collector gathered this path (as a file, or inside a listed directory). */
  public boolean collected(String path) {
    if (snapshot.file(path).isPresent()) {
      return true;
    }
    int slash = path.lastIndexOf('/');
    return slash > 0 && snapshot.directory(path.substring(0, slash)).isPresent();
  }

  /**
   * Expands an include: a plain path, a directory ending in {@code /} (every file in it), or a glob
   * in the last path component.
   */
  public Expansion expand(String pattern) {
    String p = pattern.strip();
    List<String> problems = new ArrayList<>();
    if (!p.startsWith("/")) {
      problems.add(p + ": relative include path, not resolved by the scanner");
      return new Expansion(p, List.of(), problems, List.of());
    }
    boolean wholeDir = p.endsWith("/");
    String dir = wholeDir ? p.substring(0, p.length() - 1) : p.substring(0, p.lastIndexOf('/'));
    String last = wholeDir ? "*" : p.substring(p.lastIndexOf('/') + 1);
    boolean glob = wholeDir || last.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
    if (dir.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
      problems.add(p + ": glob in a directory component is not expanded by the scanner");
      return new Expansion(p, List.of(), problems, List.of());
    }
    Optional<SnapshotItem> listing = snapshot.directory(dir.isEmpty() ? "/" : dir);
    if (!glob) {
      if (snapshot.file(p).isPresent() || listing.isPresent()) {
        Text t = read(p);
        if (!t.readable()) {
          problems.add(t.problem());
          return new Expansion(p, List.of(), problems, List.of());
        }
        return new Expansion(
            p, t.content().isPresent() ? List.of(p) : List.of(), problems, List.of());
      }
      problems.add(p + ": included file was not collected");
      return new Expansion(p, List.of(), problems, List.of());
    }
    if (listing.isEmpty()) {
      problems.add(dir + ": included directory was not collected");
      return new Expansion(p, List.of(), problems, List.of());
    }
    SnapshotItem l = listing.get();
    if (l.exitStatus() == SnapshotItem.ABSENT) {
      return new Expansion(p, List.of(), problems, List.of());
    }
    if (l.problem() != null || l.exitStatus() != 0) {
      problems.add(
          l.problem() != null
              ? l.problem()
              : dir + ": could not be listed (" + l.exitStatus() + ")");
      return new Expansion(p, List.of(), problems, List.of());
    }
    List<String> matched = new ArrayList<>();
    List<String> unmatched = new ArrayList<>();
    for (String entry : l.text().split("\n")) {
      int tab = entry.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String type = entry.substring(0, tab);
      String name = entry.substring(tab + 1);
      if (!type.equals("f") && !type.equals("l")) {
        continue;
      }
      // rsyslog and syslog-ng skip hidden files in glob expansion, as glob(3) does.
      if (name.startsWith(".") && !last.startsWith(".")) {
        continue;
      }
      (Glob.matches(last, name, Glob.INCLUDE) ? matched : unmatched).add(dir + "/" + name);
    }
    matched.sort(String::compareTo);
    List<String> readable = new ArrayList<>();
    for (String f : matched) {
      Text t = read(f);
      if (t.readable() && t.content().isPresent()) {
        readable.add(f);
      } else if (!t.readable()) {
        problems.add(t.problem());
      }
    }
    return new Expansion(p, readable, problems, unmatched);
  }
}
