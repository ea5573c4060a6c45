package io.auditgap.facts.pam;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SourceLine;
import io.auditgap.facts.sshd.SshdMainConfig;
import io.auditgap.text.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A deliberately small reading of sshd's {@code UsePAM}: {@code sshd -T} output when the snapshot
 * has it (collected by the sshd family's checks), otherwise the file sshd starts from ({@code
 * /etc/ssh/sshd_config}, or openSUSE's {@code /usr/etc/ssh/sshd_config} when /etc has none: {@link
 * SshdMainConfig}) with its {@code Include}s expanded in place. sshd keeps the first value it
 * obtains for a keyword, so a drop-in included at the top of the main file beats a later line.
 * {@code UsePAM} is not allowed inside {@code Match}, so Match blocks are skipped. Includes outside
 * the two sshd_config.d directories are not collected: reaching one before any UsePAM makes the
 * setting unseen.
 */
public final class SshdUsePamReader {
  public static final String MAIN = "/etc/ssh/sshd_config";
  public static final String DROP_IN_DIR = "/etc/ssh/sshd_config.d";
  static final int MAX_INCLUDE_DEPTH = 16;

  /** Files that include each other repeatedly expand exponentially within the depth limit. */
  static final int MAX_READS = 1_000;

  private final HostSnapshot snapshot;
  private final List<String> seenUsePam = new ArrayList<>();
  private UsePamSetting first;
  private String unseen;
  private int reads;

  private SshdUsePamReader(HostSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /** Unseen when no configuration is collected; {@code Optional.empty()} means no sshd config. */
  public static Observed<Optional<UsePamSetting>> read(HostSnapshot s) {
    Optional<SnapshotItem> t = s.command("sshd -T");
    if (t.isPresent() && t.get().isComplete()) {
      String[] lines = t.get().text().split("\n");
      for (int i = 0; i < lines.length; i++) {
        String[] f = lines[i].strip().split("\\s+");
        if (f.length == 2 && f[0].equals("usepam")) {
          return Observed.seen(
              Optional.of(
                  new UsePamSetting(
                      f[1].equalsIgnoreCase("yes"),
                      new SourceLine("sshd -T", i + 1, lines[i]),
                      "")));
        }
      }
    }
    return new SshdUsePamReader(s).fromFiles();
  }

  private Observed<Optional<UsePamSetting>> fromFiles() {
    String mainPath = SshdMainConfig.path(snapshot);
    Optional<SnapshotItem> main = snapshot.file(mainPath);
    if (main.isEmpty()) {
      return Observed.unseen(snapshot.missingReason(mainPath));
    }
    if (main.get().exitStatus() == SnapshotItem.ABSENT) {
      return Observed.seen(Optional.empty());
    }
    if (!main.get().isComplete()) {
      return Observed.unseen(main.get().problem());
    }
    readFile(mainPath, main.get().text(), 0);
    if (unseen != null) {
      return Observed.unseen(unseen);
    }
    if (first == null) {
      return Observed.seen(
          Optional.of(
              new UsePamSetting(
                  false,
                  new SourceLine(
                      "compiled-in default", 0, "UsePAM no (no UsePAM line in any file)"),
                  "")));
    }
    String over = seenUsePam.size() > 1 ? seenUsePam.get(1) : "";
    return Observed.seen(Optional.of(new UsePamSetting(first.enabled(), first.at(), over)));
  }

  private void readFile(String path, String text, int depth) {
    if (++reads > MAX_READS) {
      unseen =
          "sshd_config Includes expand to more than "
              + MAX_READS
              + " file reads (files that include each other repeatedly); UsePAM not decided";
      return;
    }
    String[] lines = text.split("\n", -1);
    boolean inMatch = false;
    for (int i = 0; i < lines.length && unseen == null; i++) {
      String l = lines[i].strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("[\\s=]+", 2);
      String key = f[0].toLowerCase(Locale.ROOT);
      String arg = f.length > 1 ? unquote(f[1].strip()) : "";
      if (key.equals("match")) {
        inMatch = true;
        continue;
      }
      if (inMatch) {
        continue;
      }
      if (key.equals("usepam")) {
        seenUsePam.add(path + ":" + (i + 1) + " " + l);
        if (first == null) {
          first =
              new UsePamSetting(arg.equalsIgnoreCase("yes"), new SourceLine(path, i + 1, l), "");
        }
      } else if (key.equals("include") && first == null) {
        for (String target : arg.split("\\s+")) {
          include(target, depth, path + ":" + (i + 1));
        }
      }
    }
  }

  private void include(String target, int depth, String where) {
    if (depth >= MAX_INCLUDE_DEPTH || target.isEmpty() || unseen != null) {
      return;
    }
    String abs = target.startsWith("/") ? target : "/etc/ssh/" + target;
    int slash = abs.lastIndexOf('/');
    String dir = abs.substring(0, slash);
    String glob = abs.substring(slash + 1);
    // a directory the collector lists (the drop-in directories in /etc and /usr/etc) is read
    // through its listing; any other include only as a single collected file
    boolean listed = dir.equals(DROP_IN_DIR) || snapshot.directory(dir).isPresent();
    if (!listed) {
      Optional<SnapshotItem> f = snapshot.file(abs);
      if (f.isPresent() && f.get().isComplete() && !hasGlob(glob)) {
        readFile(abs, f.get().text(), depth + 1);
      } else if (f.isEmpty() || f.get().exitStatus() != SnapshotItem.ABSENT) {
        unseen = where + ": Include " + target + " is outside what the scanner collects";
      }
      return;
    }
    Optional<SnapshotItem> listing = snapshot.directory(dir);
    if (listing.isEmpty()) {
      unseen = snapshot.missingReason(dir);
      return;
    }
    if (listing.get().exitStatus() == SnapshotItem.ABSENT) {
      return;
    }
    if (listing.get().problem() != null) {
      unseen = listing.get().problem();
      return;
    }
    List<String> names = new ArrayList<>();
    for (String line : listing.get().text().split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0 && Glob.matches(glob, line.substring(tab + 1), Glob.FNMATCH)) {
        names.add(line.substring(tab + 1));
      }
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
      readFile(dir + "/" + n, f.get().text(), depth + 1);
      if (first != null) {
        return;
      }
    }
  }

  private static boolean hasGlob(String s) {
    return s.contains("*") || s.contains("?") || s.contains("[");
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
