package io.auditgap.collect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A guarded item that is exactly {@code systemctl show -p PROPS UNIT...}: several such items are
 * answered by one systemctl run for the union of their properties and units (the item {@value
 * #SHARED}, one of the commands that can hang, under the group's timeout), and each item is cut
 * from its answer here, when the bundle is read ({@link #split}), instead of by the host's shell
 * (string work that cost the host about 1.5 ms per scan) or by one systemctl (and one D-Bus round
 * of systemd's) per item.
 *
 * @param props comma-separated property names
 * @param units space-separated unit names
 */
record SystemctlShows(String props, String units) {
  private static final Pattern SHOW =
      Pattern.compile("systemctl show -p ([A-Za-z]+(?:,[A-Za-z]+)*)((?: [A-Za-z0-9@._:-]+)+)");

  /** The shared item's name: its answer never reaches a snapshot, the items cut from it do. */
  static final String SHARED = "systemctl show shared";

  /** sd_booted(3)'s test: systemd runs where this directory exists. */
  static final String BOOTED = "/run/systemd/system";

  /** systemd's unit paths for the system manager, in the order of systemd-analyze unit-paths. */
  static final String UNIT_PATHS =
      "/etc/systemd/system.control /run/systemd/system.control /run/systemd/transient"
          + " /run/systemd/generator.early /etc/systemd/system /etc/systemd/system.attached"
          + " /run/systemd/system /run/systemd/system.attached /run/systemd/generator"
          + " /usr/local/lib/systemd/system /lib/systemd/system /usr/lib/systemd/system"
          + " /run/systemd/generator.late";

  /**
   * The shared item's snippet. Where systemd runs (sd_booted(3): /run/systemd/system), only units
   * that have a unit file, alias, drop-in directory or template in one of systemd's unit paths (in
   * the order of {@code systemd-analyze unit-paths}) are asked: systemd answers "not-found" for the
   * others, and asking costs the host about 1.3 ms of CPU per unit (PID 1 searches every path, then
   * systemctl and the bus). Its first line names the properties and units asked for, its second the
   * units not asked; then systemctl's answer for the others, if any: what the bundle's reader needs
   * to cut any item of these units from it, also one of another profile than the one the collector
   * was printed for. Part of the collector's version ({@link CollectorScript#VERSION}), as {@link
   * #split} reads what it prints.
   */
  static final String TEMPLATE =
      "b="
          + BOOTED
          + "; p='"
          + UNIT_PATHS
          + "'; u='__UNITS__'; a=$u; n=;"
          + " if [ -d $b ]; then ds=; for d in $p; do"
          // with a merged /usr, /lib/systemd/system is /usr/lib/systemd/system: test it once
          + " if [ $d = /lib/systemd/system ] && [ -L /lib ]; then continue; fi; [ -d $d ] &&"
          + " ds=\"$ds $d\"; done; a=; for x in $u; do t=; case $x in *@?*.*)"
          + " t=${x%%@*}@.${x##*.} ;; esac; f=; for d in $ds; do if [ -e $d/$x ] || [ -L $d/$x ]"
          + " || [ -d $d/$x.d ] || { [ -n \"$t\" ] && [ -e $d/$t ]; }; then f=1; break; fi; done;"
          + " if [ -n \"$f\" ]; then a=\"$a $x\"; else n=\"$n $x\"; fi; done; fi;"
          + " echo \"# shared: __PROPS__ $u\"; echo \"# not asked:$n\"; [ -n \"$a\" ] ||"
          + " return 0; systemctl show -p __PROPS__ $a";

  private static final String NOT_ASKED = "# not asked:";

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
   * The items of a collection that share one systemctl run: the guarded {@code systemctl show}
   * items (each once) whose units keep their order in the union, when there are at least two of
   * them; else none (each runs on its own).
   */
  static List<CollectionItem.Command> merged(Collection<? extends CollectionItem> items) {
    Set<String> keys = new HashSet<>();
    List<CollectionItem.Command> shows = new ArrayList<>();
    for (CollectionItem item : items) {
      if (keys.add(item.key())
          && item instanceof CollectionItem.Command c
          && c.guarded()
          && of(c) != null) {
        shows.add(c);
      }
    }
    List<CollectionItem.Command> merged = mergeable(shows);
    return merged.size() < 2 ? List.of() : merged;
  }

  /** The shared item that answers {@code merged}. */
  static CollectionItem.Command shared(List<CollectionItem.Command> merged) {
    SystemctlShows all = union(merged);
    return CollectionItem.Command.bounded(
        SHARED, TEMPLATE.replace("__UNITS__", all.units()).replace("__PROPS__", all.props()));
  }

  /**
   * The bundle with the shared item replaced by the items of {@code known} it answers, cut from it
   * as each would have printed it: the blocks of its units in its order, each with its properties
   * only (a unit not asked gets the block systemd prints for a unit without a file, after a comment
   * line that says so). When systemctl did not print one block per unit asked (systemd not running,
   * an error, a timeout), every item gets its whole answer and status, as its own run would have.
   * An item is cut only where the shared run asked for all its properties and units, in its order,
   * and the bundle has no answer of its own.
   */
  static Bundle split(Bundle bundle, Collection<? extends CollectionItem> known) {
    SnapshotItem shared = null;
    Set<String> keys = new HashSet<>();
    for (SnapshotItem i : bundle.items()) {
      keys.add(i.key());
      if (i.kind().equals("cmd") && i.name().equals(SHARED)) {
        shared = i;
      }
    }
    if (shared == null) {
      return bundle;
    }
    Answer answer = Answer.of(shared.text());
    // one block per unit asked, or every item gets the whole answer: decided once for all items
    boolean cuttable = answer != null && answer.cuttable(shared);
    List<SnapshotItem> out = new ArrayList<>();
    for (SnapshotItem i : bundle.items()) {
      if (i != shared) {
        out.add(i);
        continue;
      }
      Set<String> done = new HashSet<>();
      for (CollectionItem item : known) {
        if (!(item instanceof CollectionItem.Command c)
            || !c.guarded()
            || keys.contains(c.key())
            || !done.add(c.key())) {
          continue;
        }
        SystemctlShows mine = of(c);
        if (mine != null && answer != null && answer.covers(mine)) {
          out.add(
              cuttable
                  ? answer.cut(mine, c.name())
                  : new SnapshotItem(
                      "cmd",
                      c.name(),
                      shared.exitStatus(),
                      answer.text(),
                      bytes(answer.text()),
                      shared.truncated()));
        } else if (mine != null && answer == null && shared.exitStatus() != 0) {
          // ended (a timeout, the size cap) before it said what it asked: its status for all
          out.add(new SnapshotItem("cmd", c.name(), shared.exitStatus(), "", 0, false));
        }
      }
    }
    return new Bundle(out, bundle.complete(), bundle.problem(), bundle.bytes());
  }

  /**
   * The shared run's answer.
   *
   * @param props the properties asked for
   * @param units every unit, in the union's order
   * @param notAsked the units without a unit file, not asked
   * @param text systemctl's answer for the others
   * @param blocks {@code text}'s blocks, one per unit asked where it printed one for each
   */
  private record Answer(
      List<String> props,
      List<String> units,
      Set<String> notAsked,
      String text,
      List<String> blocks) {
    private static final String SHARED_LINE = "# shared: ";

    static Answer of(String text) {
      int first = text.indexOf('\n');
      int second = first < 0 ? -1 : text.indexOf('\n', first + 1);
      if (!text.startsWith(SHARED_LINE) || second < 0) {
        return null;
      }
      String[] head = text.substring(SHARED_LINE.length(), first).split(" ");
      String notAsked = text.substring(first + 1, second);
      if (head.length < 2 || !notAsked.startsWith(NOT_ASKED)) {
        return null;
      }
      String answer = text.substring(second + 1);
      return new Answer(
          List.of(head[0].split(",")),
          List.of(head).subList(1, head.length),
          new HashSet<>(Arrays.asList(notAsked.substring(NOT_ASKED.length()).split(" "))),
          answer,
          blocks(answer));
    }

    /** The blocks of {@code text}, each up to its blank line. */
    private static List<String> blocks(String text) {
      List<String> blocks = new ArrayList<>();
      String rest = text + "\n";
      for (int at = rest.indexOf("\n\n"); at >= 0; at = rest.indexOf("\n\n")) {
        blocks.add(rest.substring(0, at));
        rest = rest.substring(at + 2);
      }
      blocks.add(rest);
      return blocks;
    }

    /**
     * True when the run ended well and printed one block per unit asked (as many blank-line
     * separators as units asked, less one).
     */
    boolean cuttable(SnapshotItem shared) {
      long asked = units.stream().filter(u -> !notAsked.contains(u)).count();
      int separators = 0;
      for (int at = text.indexOf("\n\n"); at >= 0; at = text.indexOf("\n\n", at + 2)) {
        separators++;
      }
      return shared.exitStatus() == 0
          && !shared.truncated()
          && (asked == 0 || separators == asked - 1);
    }

    /** True when {@code item}'s properties and units were all asked for, in its order. */
    boolean covers(SystemctlShows item) {
      int last = -1;
      for (String u : item.units().split(" ")) {
        int i = units.indexOf(u);
        if (i <= last) {
          return false;
        }
        last = i;
      }
      return props.containsAll(List.of(item.props().split(",")));
    }

    /** {@code mine}'s blocks, each with its properties only; {@link #cuttable} holds. */
    SnapshotItem cut(SystemctlShows mine, String name) {
      Set<String> myProps = Set.of(mine.props().split(","));
      Set<String> myUnits = Set.of(mine.units().split(" "));
      StringBuilder sb = new StringBuilder();
      String sep = "";
      int next = 0;
      for (String u : units) {
        String block =
            notAsked.contains(u)
                ? "# not asked: no unit file\nId="
                    + u
                    + "\nLoadState=not-found\nActiveState=inactive\nSubState=dead\nUnitFileState="
                : blocks.get(next++);
        if (!myUnits.contains(u)) {
          continue;
        }
        sb.append(sep);
        sep = "\n";
        for (String line : block.split("\n")) {
          int eq = line.indexOf('=');
          if (line.startsWith("#")
              || (!line.isEmpty() && myProps.contains(eq < 0 ? line : line.substring(0, eq)))) {
            sb.append(line).append('\n');
          }
        }
      }
      return new SnapshotItem("cmd", name, 0, sb.toString(), bytes(sb.toString()), false);
    }
  }

  private static long bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /**
   * The items whose units keep their own order when they join the union (each item's blocks are cut
   * in the union's order): each unit already in it comes after the previous one, and new units come
   * last. The others run on their own.
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
