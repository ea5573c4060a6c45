package io.auditgap.facts.sudo;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Observed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Follows {@code /etc/sudoers} and its includes in the order sudo reads them. Relative include
 * paths are relative to the including file's directory (sudo ≥ 1.9.1); {@code includedir} reads the
 * directory's files in lexical order, skipping names with a {@code .} or a trailing {@code ~}. Only
 * {@code /etc/sudoers.d} is collected; an include elsewhere makes the policy unseen.
 */
public final class SudoersResolver {
  public static final String MAIN = "/etc/sudoers";
  public static final String DROP_IN_DIR = "/etc/sudoers.d";
  static final int MAX_DEPTH = 16;
  static final int MAX_READS = 1_000;

  private final HostSnapshot snapshot;
  private final List<DefaultsEntry> defaults = new ArrayList<>();
  private final List<CommandTag> tags = new ArrayList<>();
  private final List<String> files = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private String unseen;
  private int reads;

  private SudoersResolver(HostSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /** Empty when /etc/sudoers does not exist. */
  public static Observed<Optional<SudoersPolicy>> resolve(HostSnapshot s) {
    Optional<SnapshotItem> main = s.file(MAIN);
    if (main.isEmpty()) {
      return Observed.unseen(s.missingReason(MAIN));
    }
    if (main.get().exitStatus() == SnapshotItem.ABSENT) {
      return Observed.seen(Optional.empty());
    }
    if (!main.get().isComplete()) {
      return Observed.unseen(main.get().problem());
    }
    SudoersResolver r = new SudoersResolver(s);
    r.read(MAIN, main.get().text(), 0);
    if (r.unseen != null) {
      return Observed.unseen(r.unseen);
    }
    return Observed.seen(
        Optional.of(new SudoersPolicy(r.defaults, r.tags, r.files, r.skipped, r.problems)));
  }

  private void read(String path, String text, int depth) {
    // Files that include each other several times expand exponentially within sudo's depth
    // limit; sudo itself would refuse such a policy long before this many reads.
    if (++reads > MAX_READS) {
      unseen =
          "sudoers includes expand to more than "
              + MAX_READS
              + " file reads (files that include each other repeatedly); not evaluated";
      return;
    }
    files.add(path);
    SudoersParser.Parsed p = SudoersParser.parse(path, text);
    problems.addAll(p.problems());
    for (SudoersParser.Line l : p.lines()) {
      if (unseen != null) {
        return;
      }
      if (l instanceof SudoersParser.Settings s) {
        defaults.addAll(s.entries());
      } else if (l instanceof SudoersParser.Tags t) {
        tags.addAll(t.tags());
      } else if (l instanceof SudoersParser.Include inc) {
        include(inc, path, depth);
      }
    }
  }

  private void include(SudoersParser.Include inc, String from, int depth) {
    String where = inc.at().file() + ":" + inc.at().line();
    if (depth + 1 > MAX_DEPTH) {
      problems.add(where + ": includes nested too deeply, ignored");
      return;
    }
    String target = inc.target();
    if (target.contains("%h")) {
      unseen = where + ": " + inc.at().text() + " depends on the host name; not collected";
      return;
    }
    if (!target.startsWith("/")) {
      target = from.substring(0, from.lastIndexOf('/') + 1) + target;
    }
    if (target.endsWith("/") && target.length() > 1) {
      target = target.substring(0, target.length() - 1);
    }
    if (inc.directory()) {
      includeDir(target, where, depth);
      return;
    }
    Optional<SnapshotItem> f = snapshot.file(target);
    if (f.isEmpty()) {
      unseen = where + ": " + inc.at().text() + ": the scanner does not collect " + target;
      return;
    }
    if (f.get().exitStatus() == SnapshotItem.ABSENT) {
      problems.add(where + ": included file " + target + " does not exist");
      return;
    }
    if (!f.get().isComplete()) {
      unseen = f.get().problem();
      return;
    }
    read(target, f.get().text(), depth + 1);
  }

  private void includeDir(String dir, String where, int depth) {
    Optional<SnapshotItem> listing = snapshot.directory(dir);
    if (listing.isEmpty()) {
      unseen = where + ": includedir " + dir + " is not collected by the scanner";
      return;
    }
    SnapshotItem l = listing.get();
    if (l.exitStatus() == SnapshotItem.ABSENT) {
      return;
    }
    if (l.problem() != null) {
      unseen = l.problem();
      return;
    }
    List<String> names = new ArrayList<>();
    for (String line : l.text().split("\n")) {
      int tab = line.indexOf('\t');
      if (tab <= 0) {
        continue;
      }
      String type = line.substring(0, tab);
      String name = line.substring(tab + 1);
      if (type.equals("d") || type.equals("o")) {
        continue;
      }
      if (name.contains(".") || name.endsWith("~")) {
        skipped.add(dir + "/" + name);
        continue;
      }
      names.add(name);
    }
    names.sort(null);
    for (String n : names) {
      Optional<SnapshotItem> f = snapshot.file(dir + "/" + n);
      if (f.isEmpty()) {
        continue;
      }
      if (!f.get().isComplete()) {
        unseen = f.get().problem();
        return;
      }
      read(dir + "/" + n, f.get().text(), depth + 1);
      if (unseen != null) {
        return;
      }
    }
  }
}
