package io.auditgap.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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
    List<Pattern> include = new ArrayList<>();
    List<Pattern> exclude = new ArrayList<>();
    List<Pattern> intersect = new ArrayList<>();
    if (globPattern != null) {
      for (String item : globPattern.split(",", -1)) {
        String g = item.strip();
        if (g.startsWith("!")) {
          exclude.add(Names.glob(g.substring(1).strip()));
        } else if (g.startsWith("&")) {
          intersect.add(Names.glob(g.substring(1).strip()));
        } else if (!g.isEmpty()) {
          include.add(Names.glob(g.equals("all") ? "*" : g));
        }
      }
    }
    if (include.isEmpty() && (!exclude.isEmpty() || !intersect.isEmpty())) {
      include.add(Names.glob("*"));
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

  private static boolean matchesAny(HostSpec h, List<Pattern> patterns) {
    for (Pattern p : patterns) {
      if (p.matcher(h.name()).matches()) {
        return true;
      }
      for (String g : h.groups()) {
        if (p.matcher(g).matches()) {
          return true;
        }
      }
    }
    return false;
  }
}
