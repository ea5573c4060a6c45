package io.auditgap.inventory.ansible;

import io.auditgap.inventory.InventoryException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A host pattern with an optional port ({@code web[1:3]:2222}, {@code [::1]:22}), expanded. */
record HostPort(String host, Integer port) {
  private static final Pattern BRACKETED_V6 =
      Pattern.compile("\\[([0-9A-Fa-f:.]+)\\](?::([0-9]+))?");
  private static final Pattern WITH_PORT = Pattern.compile("(.*?[^:]):([0-9]+)");

  static List<HostPort> expand(String pattern, String where) throws InventoryException {
    Matcher v6 = BRACKETED_V6.matcher(pattern);
    if (v6.matches() && pattern.indexOf(':') < pattern.indexOf(']')) {
      return List.of(new HostPort(v6.group(1), port(v6.group(2), where)));
    }
    String host = pattern;
    Integer port = null;
    // Colons inside [range] brackets do not count; a bare IPv6 address has several and no port.
    String outside = pattern.replaceAll("\\[[^\\]]*\\]", "");
    if (outside.chars().filter(c -> c == ':').count() == 1) {
      Matcher m = WITH_PORT.matcher(pattern);
      if (m.matches()) {
        host = m.group(1);
        port = port(m.group(2), where);
      }
    }
    List<HostPort> out = new ArrayList<>();
    for (String h : HostRanges.expand(host, where)) {
      out.add(new HostPort(h, port));
    }
    return out;
  }

  private static Integer port(String s, String where) throws InventoryException {
    if (s == null) {
      return null;
    }
    int p = Integer.parseInt(s);
    if (p < 1 || p > 65535) {
      throw new InventoryException(null, where + ": port must be 1-65535 (got " + s + ")");
    }
    return p;
  }
}
