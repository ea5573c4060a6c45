package io.auditgap.transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lines of one known_hosts file, indexed by the host names they name. A fleet's known_hosts has
 * a line per host, so reading every line for every host made each scan quadratic in its hosts (at
 * 1,000 hosts, a sixth of the scanner's CPU went to that filter).
 *
 * <p>A line can apply to a host when it names it (also as {@code [host]:port}) or when its names
 * cannot be read without the host: hashed names ({@code |1|...}), wildcard patterns and negations.
 * The result is a superset in file order; sshj's matching decides.
 */
final class KnownHostsIndex {
  private final List<String> lines;
  private final List<Integer> anyHost = new ArrayList<>();
  private final Map<String, List<Integer>> byName = new HashMap<>();

  KnownHostsIndex(List<String> lines) {
    this.lines = List.copyOf(lines);
    for (int i = 0; i < this.lines.size(); i++) {
      String hosts = hostField(this.lines.get(i));
      if (hosts.isEmpty() || hosts.startsWith("#")) {
        continue;
      }
      if (hosts.startsWith("|")
          || hosts.indexOf('*') >= 0
          || hosts.indexOf('?') >= 0
          || hosts.indexOf('!') >= 0) {
        anyHost.add(i);
        continue;
      }
      for (String name : hosts.toLowerCase(Locale.ROOT).split(",")) {
        index(name, i);
        int close = name.indexOf("]:");
        if (name.startsWith("[") && close > 1) {
          index(name.substring(1, close), i);
        }
      }
    }
  }

  /** Every line of the file, comments included. */
  List<String> all() {
    return lines;
  }

  /** The lines that can apply to {@code host} (a name or address, any case), in file order. */
  List<String> linesFor(String host) {
    List<Integer> named = byName.getOrDefault(host.toLowerCase(Locale.ROOT), List.of());
    List<String> out = new ArrayList<>(anyHost.size() + named.size());
    int a = 0;
    int n = 0;
    while (a < anyHost.size() || n < named.size()) {
      int next;
      if (n >= named.size() || (a < anyHost.size() && anyHost.get(a) < named.get(n))) {
        next = anyHost.get(a++);
      } else {
        next = named.get(n++);
      }
      out.add(lines.get(next));
    }
    return out;
  }

  private void index(String name, int line) {
    List<Integer> at = byName.computeIfAbsent(name, k -> new ArrayList<>(1));
    if (at.isEmpty() || at.get(at.size() - 1) != line) {
      at.add(line);
    }
  }

  /** The host names field: the first field, or the second after a marker ({@code @revoked}). */
  private static String hostField(String line) {
    int i = skipBlanks(line, 0);
    int end = fieldEnd(line, i);
    if (i < line.length() && line.charAt(i) == '@') {
      i = skipBlanks(line, end);
      end = fieldEnd(line, i);
    }
    return line.substring(i, end);
  }

  private static int skipBlanks(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int fieldEnd(String s, int i) {
    while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
