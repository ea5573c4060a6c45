package io.auditgap.facts.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Syscall names and numbers per ABI table, from the bundled {@code syscalls.tsv} (generated with
 * {@code ausyscall <arch> --dump}; see the header of that file).
 */
public final class SyscallTable {
  private static final SyscallTable BUNDLED = load();

  private final Map<String, Map<String, Integer>> byName;

  private SyscallTable(Map<String, Map<String, Integer>> byName) {
    this.byName = byName;
  }

  public static SyscallTable bundled() {
    return BUNDLED;
  }

  public OptionalInt number(String table, String name) {
    Map<String, Integer> t = byName.get(table);
    Integer n = t == null ? null : t.get(name);
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }

  public boolean hasTable(String table) {
    return byName.containsKey(table);
  }

  private static SyscallTable load() {
    Map<String, Map<String, Integer>> m = new HashMap<>();
    try (InputStream in = SyscallTable.class.getResourceAsStream("syscalls.tsv")) {
      if (in == null) {
        throw new IllegalStateException("syscalls.tsv missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] p = line.split("\t");
        if (line.startsWith("#") || p.length != 3) {
          continue;
        }
        m.computeIfAbsent(p[0], k -> new HashMap<>()).put(p[2], Integer.parseInt(p[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SyscallTable(Map.copyOf(m));
  }
}
