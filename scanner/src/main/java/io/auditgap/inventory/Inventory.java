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
   * The hosts whose name matches any of the comma-separated globs ({@code web-*,db-1}; {@code *}
   * matches any run of characters, {@code ?} one character, matching is case-sensitive), in
   * inventory order, each at most once. Blank items are ignored; a pattern that matches nothing
   * gives an empty list (reporting that is the caller's job).
   */
  public List<HostSpec> select(String globPattern) {
    List<Pattern> globs = new ArrayList<>();
    if (globPattern != null) {
      for (String item : globPattern.split(",", -1)) {
        String g = item.strip();
        if (!g.isEmpty()) {
          globs.add(Names.glob(g));
        }
      }
    }
    List<HostSpec> selected = new ArrayList<>();
    for (HostSpec h : hosts) {
      for (Pattern p : globs) {
        if (p.matcher(h.name()).matches()) {
          selected.add(h);
          break;
        }
      }
    }
    return List.copyOf(selected);
  }
}
