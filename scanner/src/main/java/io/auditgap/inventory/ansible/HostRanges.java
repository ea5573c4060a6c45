package io.auditgap.inventory.ansible;

import io.auditgap.inventory.InventoryException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible host ranges: {@code web[01:20].example.com}, {@code db-[a:f]}, {@code node[0:10:2]}; a
 * leading zero pads to the start's width, as {@code ansible.inventory.helpers} does.
 */
final class HostRanges {
  private static final Pattern RANGE = Pattern.compile("\\[([^\\]:]*):([^\\]:]*)(?::([0-9]+))?\\]");
  private static final int MAX_HOSTS = 100_000;

  private HostRanges() {}

  static List<String> expand(String pattern, String where) throws InventoryException {
    List<String> out = new ArrayList<>();
    expand(pattern, where, out);
    return out;
  }

  private static void expand(String pattern, String where, List<String> out)
      throws InventoryException {
    Matcher m = RANGE.matcher(pattern);
    if (!m.find()) {
      out.add(pattern);
      return;
    }
    String head = pattern.substring(0, m.start());
    String tail = pattern.substring(m.end());
    String beg = m.group(1).isEmpty() ? "0" : m.group(1);
    String end = m.group(2);
    int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
    if (end.isEmpty() || step < 1) {
      throw new InventoryException(null, where + ": bad host range in '" + pattern + "'");
    }
    List<String> items = new ArrayList<>();
    if (beg.matches("[0-9]+") && end.matches("[0-9]+")) {
      long b = Long.parseLong(beg);
      long e = Long.parseLong(end);
      if (b > e) {
        throw new InventoryException(
            null, where + ": host range start is after its end in '" + pattern + "'");
      }
      String fmt = beg.length() > 1 && beg.charAt(0) == '0' ? "%0" + beg.length() + "d" : "%d";
      for (long i = b; i <= e; i += step) {
        items.add(String.format(fmt, i));
        if (items.size() > MAX_HOSTS) {
          throw new InventoryException(null, where + ": host range '" + pattern + "' is too large");
        }
      }
    } else if (beg.matches("[a-zA-Z]") && end.matches("[a-zA-Z]")) {
      for (char c = beg.charAt(0); c <= end.charAt(0); c += step) {
        items.add(String.valueOf(c));
      }
    } else {
      throw new InventoryException(null, where + ": bad host range in '" + pattern + "'");
    }
    for (String i : items) {
      expand(head + i + tail, where, out);
      if (out.size() > MAX_HOSTS) {
        throw new InventoryException(null, where + ": host range '" + pattern + "' is too large");
      }
    }
  }
}
