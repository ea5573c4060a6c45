package io.auditgap.inventory;

import io.auditgap.text.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A loaded inventory: hosts in file order with all inheritance resolved.
 *
 * @param source the file it was read from (for reports), or {@code (local)}
 * @param hosts every host, in file order
 * @param branding report branding ({@link Branding#NONE} when absent)
 * @param warnings problems that do not stop loading, one line each in the {@code file:line:column:
 *     message} form (e.g. an identity_file that does not exist yet)
 */
public record Inventory(
    String source, List<HostSpec> hosts, Branding branding, List<String> warnings) {
  public Inventory {
    hosts = List.copyOf(hosts);
    branding = branding == null ? Branding.NONE : branding;
    warnings = List.copyOf(warnings);
  }

  /** An inventory without branding or warnings (e.g. the local machine only). */
  public Inventory(String source, List<HostSpec> hosts) {
    this(source, hosts, Branding.NONE, List.of());
  }

  public Optional<HostSpec> host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  /**
   * The hosts that a comma-separated pattern list selects, in inventory order, each at most once.
   * An item is a glob over host names or group names ({@code web-*}, {@code db-1}, {@code
   * webservers}; {@code *} any run of characters, {@code ?} one character, case-sensitive; {@code
   * all} is every host). As in Ansible's {@code --limit}, {@code !item} removes hosts and {@code
   * &item} keeps only hosts that also match. Blank items are ignored; a pattern that matches
   * nothing gives an empty list (reporting that is the caller's job).
   */
  public List<HostSpec> select(String globPattern) {
    List<String> include = new ArrayList<>();
    List<String> exclude = new ArrayList<>();
    List<String> intersect = new ArrayList<>();
    if (globPattern != null) {
      for (String item : globPattern.split(",", -1)) {
        String g = item.strip();
        if (g.startsWith("!")) {
          exclude.add(g.substring(1).strip());
        } else if (g.startsWith("&")) {
          intersect.add(g.substring(1).strip());
        } else if (!g.isEmpty()) {
          include.add(g.equals("all") ? "*" : g);
        }
      }
    }
    if (include.isEmpty() && (!exclude.isEmpty() || !intersect.isEmpty())) {
      include.add("*");
    }
    List<HostSpec> selected = new ArrayList<>();
    for (HostSpec h : hosts) {
      if (matchesAny(h, include)
          && !matchesAny(h, exclude)
          && intersect.stream().allMatch(p -> matchesAny(h, List.of(p)))) {
        selected.add(h);
      }
    }
    return List.copyOf(selected);
  }

  private static boolean matchesAny(HostSpec h, List<String> patterns) {
    for (String p : patterns) {
      if (Glob.matches(p, h.name(), Glob.WILDCARDS)) {
        return true;
      }
      for (String g : h.groups()) {
        if (Glob.matches(p, g, Glob.WILDCARDS)) {
          return true;
        }
      }
    }
    return false;
  }
}
