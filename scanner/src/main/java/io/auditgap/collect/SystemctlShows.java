package io.auditgap.collect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A guarded item that is exactly {@code systemctl show -p PROPS UNIT...}: several such items are
 * answered by one systemctl run for the union of their properties and units, each item cut from it
 * by the collector ({@code ag_ss}, {@code ag_sspick}), instead of one systemctl (and one D-Bus
 * round of systemd's) per item.
 *
 * @param props comma-separated property names
 * @param units space-separated unit names
 */
record SystemctlShows(String props, String units) {
  private static final Pattern SHOW =
      Pattern.compile("systemctl show -p ([A-Za-z]+(?:,[A-Za-z]+)*)((?: [A-Za-z0-9@._:-]+)+)");

  /** The properties and units of {@code c}, or null when it is not exactly such a command. */
  static SystemctlShows of(CollectionItem.Command c) {
    Matcher m = SHOW.matcher(c.shell());
    return m.matches() ? new SystemctlShows(m.group(1), m.group(2).strip()) : null;
  }

  /** Every property and every unit of the items, each once, in order of appearance. */
  static SystemctlShows union(Collection<CollectionItem.Command> items) {
    Set<String> props = new LinkedHashSet<>();
    Set<String> units = new LinkedHashSet<>();
    for (CollectionItem.Command c : items) {
      SystemctlShows s = of(c);
      props.addAll(List.of(s.props().split(",")));
      units.addAll(List.of(s.units().split(" ")));
    }
    return new SystemctlShows(String.join(",", props), String.join(" ", units));
  }

  /**
   * The items whose units keep their own order when they join the union (the collector cuts each
   * item's blocks in the union's order): each unit already in it comes after the previous one, and
   * new units come last. The others run on their own.
   */
  static List<CollectionItem.Command> mergeable(Collection<CollectionItem.Command> items) {
    List<String> union = new ArrayList<>();
    List<CollectionItem.Command> out = new ArrayList<>();
    for (CollectionItem.Command c : items) {
      List<String> mine = List.of(of(c).units().split(" "));
      int last = -1;
      boolean fresh = false;
      boolean ok = new LinkedHashSet<>(mine).size() == mine.size();
      for (String u : mine) {
        int i = union.indexOf(u);
        if (i < 0) {
          fresh = true;
        } else if (fresh || i < last) {
          ok = false;
        } else {
          last = i;
        }
      }
      if (ok) {
        for (String u : mine) {
          if (!union.contains(u)) {
            union.add(u);
          }
        }
        out.add(c);
      }
    }
    return out;
  }
}
