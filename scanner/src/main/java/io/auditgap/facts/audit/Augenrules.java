package io.auditgap.facts.audit;

import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code augenrules} (audit 3.x, {@code init.d/augenrules}) builds from {@code
 * /etc/audit/rules.d}: the {@code *.rules} files in {@code ls -v} order, concatenated without blank
 * and comment lines; the last bare {@code -D} goes first, then the last {@code -b} and the last
 * {@code -f}; the last {@code -e} goes at the very end. Earlier {@code -D}/{@code -b}/{@code
 * -f}/{@code -e} lines are dropped. The classification is textual, as in its awk script.
 */
public final class Augenrules {
  public static final String RULES_DIR = "/etc/audit/rules.d";

  private static final Pattern COMMENT = Pattern.compile("^\\s*#.*");
  private static final Pattern MINUS_E = Pattern.compile("^\\s*-e.*");
  private static final Pattern BARE_D = Pattern.compile("^\\s*-D\\s*$");
  private static final Pattern MINUS_F = Pattern.compile("^\\s*-f.*");
  private static final Pattern MINUS_B = Pattern.compile("^\\s*-b.*");

  private Augenrules() {}

  /** An entry of the rules.d listing: type {@code f}, {@code d}, {@code l} or {@code o}. */
  public record Entry(String type, String name) {}

  /**
   * The merged result.
   *
   * @param files the {@code .rules} files merged, in order
   * @param ignored names in rules.d that augenrules skips (not ending in {@code .rules}, or hidden)
   * @param lines the merged lines, each with the file and line it came from
   */
  public record Merge(List<String> files, List<String> ignored, List<SourceLine> lines) {
    public Merge {
      files = List.copyOf(files);
      ignored = List.copyOf(ignored);
      lines = List.copyOf(lines);
    }
  }

  /** True when augenrules would merge a rules.d entry of this name. */
  public static boolean isMerged(String name) {
    // `ls -1v` without -a never lists dotfiles; `grep "\.rules$"` keeps the rest
    return name.endsWith(".rules") && !name.startsWith(".");
  }

  /**
   * Merges the files of {@code dir}. {@code contents} maps an entry name to its text; a name to
   * merge without content (a directory named {@code x.rules}) contributes nothing, like {@code cat}
   * failing.
   */
  public static Merge merge(String dir, List<Entry> entries, Map<String, String> contents) {
    List<String> names = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (Entry e : entries) {
      if (isMerged(e.name())) {
        names.add(e.name());
      } else {
        ignored.add(e.name());
      }
    }
    names.sort(NaturalOrder.INSTANCE);
    SourceLine minusD = null;
    SourceLine minusB = null;
    SourceLine minusF = null;
    SourceLine minusE = null;
    List<SourceLine> rest = new ArrayList<>();
    for (String name : names) {
      String text = contents.get(name);
      if (text == null) {
        continue;
      }
      String[] lines = text.split("\n", -1);
      int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
      for (int i = 0; i < count; i++) {
        String line = lines[i];
        SourceLine src = new SourceLine(dir + "/" + name, i + 1, line);
        if (line.isEmpty() || COMMENT.matcher(line).matches()) {
          continue;
        }
        if (MINUS_E.matcher(line).matches()) {
          minusE = src;
        } else if (BARE_D.matcher(line).matches()) {
          minusD = src;
        } else if (MINUS_F.matcher(line).matches()) {
          minusF = src;
        } else if (MINUS_B.matcher(line).matches()) {
          minusB = src;
        } else {
          rest.add(src);
        }
      }
    }
    List<SourceLine> merged = new ArrayList<>();
    for (SourceLine s : new SourceLine[] {minusD, minusB, minusF}) {
      if (s != null) {
        merged.add(s);
      }
    }
    merged.addAll(rest);
    if (minusE != null) {
      merged.add(minusE);
    }
    return new Merge(names, ignored, merged);
  }

  /** Parses the merged lines, keeping each line's own file and line number. */
  public static List<AuditStatement> statements(Merge merge, AuditRuleParser parser) {
    List<AuditStatement> out = new ArrayList<>();
    for (SourceLine s : merge.lines()) {
      if (s.text().strip().isEmpty()) {
        continue;
      }
      out.add(parser.parseLine(s));
    }
    return out;
  }
}
