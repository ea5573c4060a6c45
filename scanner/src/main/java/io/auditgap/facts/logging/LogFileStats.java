package io.auditgap.facts.logging;

import io.auditgap.facts.system.FileStat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The log and login-record files the collector stat'ed, with the host's clock at that moment (so
 * "recently written" is judged on the host's own clock, whatever the scanner's).
 *
 * @param hostNow the host's {@code date +%s}, when it printed one
 * @param files by path
 * @param absent paths that do not exist
 * @param denied paths behind a directory the collector could not search
 * @param unparsed lines neither form explains (stat errors), with their line numbers
 */
public record LogFileStats(
    OptionalLong hostNow,
    Map<String, FileStat> files,
    Set<String> absent,
    Set<String> denied,
    List<String> unparsed) {
  public LogFileStats {
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    absent = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(absent));
    denied = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(denied));
    unparsed = List.copyOf(unparsed);
  }

  public Optional<FileStat> file(String path) {
    return Optional.ofNullable(files.get(path));
  }

  /** Whether the path was looked at at all (present, absent or denied). */
  public boolean covers(String path) {
    return files.containsKey(path) || absent.contains(path) || denied.contains(path);
  }

  /** Parses the collector's output: the host time, then one line per path. Never throws. */
  public static LogFileStats parse(String text) {
    OptionalLong now = OptionalLong.empty();
    Map<String, FileStat> files = new LinkedHashMap<>();
    Set<String> absent = new LinkedHashSet<>();
    Set<String> denied = new LinkedHashSet<>();
    List<String> unparsed = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (now.isEmpty() && line.chars().allMatch(Character::isDigit) && line.length() < 19) {
        now = OptionalLong.of(Long.parseLong(line));
        continue;
      }
      String[] f = line.split("\\|", -1);
      if (f.length == 2 && f[0].equals("absent")) {
        absent.add(f[1]);
      } else if (f.length == 2 && f[0].equals("denied")) {
        denied.add(f[1]);
      } else if (f.length == 7) {
        Optional<FileStat> st = FileStat.parseFull(f);
        if (st.isEmpty()) {
          unparsed.add((i + 1) + ": " + line);
        } else {
          files.put(st.get().path(), st.get());
        }
      } else {
        unparsed.add((i + 1) + ": " + line);
      }
    }
    return new LogFileStats(now, files, absent, denied, unparsed);
  }
}
