package io.auditgap.facts.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /boot/grub2/grubenv}: a 1024-byte block of {@code name=value} lines padded with {@code #}.
 * BLS entries may refer to its variables ({@code $kernelopts} on RHEL 8, {@code $tuned_params}).
 */
public final class GrubEnv {
  private GrubEnv() {}

  public static Map<String, String> parse(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    if (text == null) {
      return m;
    }
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return m;
  }
}
