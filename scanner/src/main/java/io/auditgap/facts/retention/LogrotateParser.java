package io.auditgap.facts.retention;

import io.auditgap.facts.ConfigProblem;
import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Assembles the logrotate configuration the way logrotate 3.21 reads it ({@code config.c}), limited
 * to what decides retention. Behaviour confirmed with {@code logrotate -d} 3.21:
 *
 * <ul>
 *   <li>built-in defaults are {@code size 1M} and {@code rotate 0}; a global option affects only
 *       blocks read after it, so globals placed after {@code include} do not reach included files;
 *   <li>a file named by two blocks stays with the first; logrotate reports "duplicate log entry"
 *       and drops it from the later block, which keeps its other files;
 *   <li>a syntax error ({@code rotate 4 }} on one line, a bad number) drops the block being read
 *       and the rest of that file; blocks completed earlier in the file are kept;
 *   <li>an unknown option only ignores its line; included directories are read in name order,
 *       skipping taboo extensions.
 * </ul>
 */
public final class LogrotateParser {
  /** Where included files and directories come from (the snapshot, or test fixtures). */
  public interface Sources {
    /** A file's text; empty when not collected or absent. */
    Optional<String> file(String path);

    /** Names of the regular files in a directory; empty when not collected or absent. */
    Optional<List<String>> directory(String path);
  }

  static final List<String> TABOO =
      List.of(
          ",v",
          ".cfsaved",
          ".disabled",
          ".dpkg-bak",
          ".dpkg-del",
          ".dpkg-dist",
          ".dpkg-new",
          ".dpkg-old",
          ".rpmnew",
          ".rpmorig",
          ".rpmsave",
          ".swp",
          ".ucf-dist",
          ".ucf-new",
          ".ucf-old",
          "~");
  private static final Set<String> FREQUENCIES =
      Set.of("hourly", "daily", "weekly", "monthly", "yearly");
  private static final Set<String> SCRIPTS =
      Set.of("postrotate", "prerotate", "firstaction", "lastaction", "preremove");

  /**
   * Options logrotate knows that do not change how long rotated copies are kept; recognised so that
   * they are not mistaken for paths.
   */
  private static final Set<String> OTHER_OPTIONS =
      Set.of(
          "compress",
          "nocompress",
          "delaycompress",
          "nodelaycompress",
          "copytruncate",
          "nocopytruncate",
          "copy",
          "nocopy",
          "create",
          "nocreate",
          "createolddir",
          "nocreateolddir",
          "missingok",
          "nomissingok",
          "notifempty",
          "ifempty",
          "sharedscripts",
          "nosharedscripts",
          "dateext",
          "nodateext",
          "dateformat",
          "dateyesterday",
          "datehourago",
          "extension",
          "compresscmd",
          "uncompresscmd",
          "compressext",
          "compressoptions",
          "olddir",
          "noolddir",
          "su",
          "mail",
          "nomail",
          "mailfirst",
          "maillast",
          "minsize",
          "maxsize",
          "minage",
          "start",
          "shred",
          "noshred",
          "shredcycles",
          "tabooext",
          "taboopat",
          "renamecopy",
          "norenamecopy",
          "allowcompress",
          "ignoreduplicates",
          "addextension");

  private final Sources sources;
  private final List<RotationBlock> blocks = new ArrayList<>();
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<String> filesRead = new ArrayList<>();
  private final Map<String, SourceLine> firstDefinition = new HashMap<>();

  private LogrotateParser(Sources sources) {
    this.sources = sources;
  }

  /** Parses the main file and everything it includes. */
  public static LogrotateConfig parse(String mainPath, String mainText, Sources sources) {
    LogrotateParser p = new LogrotateParser(sources);
    p.file(mainPath, mainText, Options.builtIn(), 0);
    return new LogrotateConfig(p.blocks, p.problems, p.filesRead);
  }

  /** The options in force while reading: globals or a block's own. */
  private static final class Options {
    RotationSetting frequency;
    RotationSetting rotate;
    RotationSetting maxage;
    // minsize delays a time-based rotation until the file reaches the size: days become a minimum.
    RotationSetting minsize;

    static Options builtIn() {
      Options o = new Options();
      o.frequency = new RotationSetting("size 1048576", SourceLine.builtIn("size 1M"), null);
      o.rotate = new RotationSetting("0", SourceLine.builtIn("rotate 0"), null);
      return o;
    }

    Options copy() {
      Options o = new Options();
      o.frequency = frequency;
      o.rotate = rotate;
      o.maxage = maxage;
      o.minsize = minsize;
      return o;
    }
  }

  private enum Mode {
    TOP,
    PATHS,
    BLOCK,
    SCRIPT
  }

  private void file(String source, String text, Options globals, int depth) {
    filesRead.add(source);
    String[] lines = text.split("\n", -1);
    Mode mode = Mode.TOP;
    List<String> paths = new ArrayList<>();
    int blockLine = 0;
    Options block = null;
    for (int i = 0; i < lines.length; i++) {
      int no = i + 1;
      String s = lines[i].strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      List<String> tokens = tokens(s);
      String first = tokens.get(0).toLowerCase(Locale.ROOT);
      SourceLine here = new SourceLine(source, no, lines[i]);
      if (mode == Mode.SCRIPT) {
        if (first.equals("endscript")) {
          mode = Mode.BLOCK;
        }
        continue;
      }
      if (mode == Mode.BLOCK) {
        if (s.equals("}")) {
          close(source, blockLine, paths, block);
          paths = new ArrayList<>();
          mode = Mode.TOP;
          continue;
        }
        if (SCRIPTS.contains(first)) {
          mode = Mode.SCRIPT;
          continue;
        }
        if (!apply(here, tokens, block)) {
          problems.add(
              fatal(
                  here,
                  "logrotate drops the block for "
                      + String.join(" ", paths)
                      + " and skips the rest of "
                      + source));
          return;
        }
        continue;
      }
      if (mode == Mode.TOP && first.equals("include")) {
        include(here, tokens, globals, depth);
        continue;
      }
      if (mode == Mode.TOP && isOption(first)) {
        if (!apply(here, tokens, globals)) {
          problems.add(fatal(here, "logrotate skips the rest of " + source));
          return;
        }
        continue;
      }
      if (mode == Mode.TOP && !looksLikePath(tokens.get(0))) {
        problems.add(problem(here, "unknown option '" + tokens.get(0) + "': line ignored"));
        continue;
      }
      if (paths.isEmpty()) {
        blockLine = no;
      }
      boolean opened = false;
      for (String t : tokens) {
        if (t.equals("{")) {
          opened = true;
        } else if (t.endsWith("{")) {
          paths.add(unquote(t.substring(0, t.length() - 1)));
          opened = true;
        } else {
          paths.add(unquote(t));
        }
      }
      if (opened) {
        block = globals.copy();
        mode = Mode.BLOCK;
      } else {
        mode = Mode.PATHS;
      }
    }
    if (mode == Mode.BLOCK || mode == Mode.SCRIPT || mode == Mode.PATHS) {
      problems.add(
          ConfigProblem.fatal(
              new SourceLine(source, blockLine, String.join(" ", paths)),
              "block is not closed with '}': logrotate drops it"));
    }
  }

  private void include(SourceLine here, List<String> tokens, Options globals, int depth) {
    if (tokens.size() < 2) {
      problems.add(problem(here, "include without a usable path"));
      return;
    }
    if (depth > 4) {
      // an include loop, or nesting deeper than anyone writes: not followed further
      problems.add(
          problem(here, "include nested deeper than 4 levels (an include loop?), not followed"));
      return;
    }
    String target = unquote(tokens.get(1));
    Optional<List<String>> dir = sources.directory(target);
    if (dir.isPresent()) {
      for (String name : dir.get().stream().sorted().toList()) {
        if (taboo(name)) {
          continue;
        }
        String path = target.endsWith("/") ? target + name : target + "/" + name;
        Optional<String> text = sources.file(path);
        if (text.isPresent()) {
          file(path, text.get(), globals, depth + 1);
        } else {
          problems.add(problem(here, "included file " + path + " was not collected"));
        }
      }
      return;
    }
    Optional<String> text = sources.file(target);
    if (text.isPresent()) {
      file(target, text.get(), globals, depth + 1);
    } else {
      problems.add(problem(here, "include target " + target + " was not collected or is absent"));
    }
  }

  /** Applies one option line; false on a syntax error that makes logrotate give up the file. */
  private boolean apply(SourceLine here, List<String> tokens, Options o) {
    String first = tokens.get(0).toLowerCase(Locale.ROOT);
    String line = here.text().strip();
    if (!line.equals("}") && line.contains("}")) {
      problems.add(
          fatal(
              here,
              "'}' must be on its own line (logrotate 3.21: e.g. \"bad rotation count '4 }'\")"));
      return false;
    }
    if (FREQUENCIES.contains(first)) {
      o.frequency = o.frequency.overriddenBy(first, here);
      return true;
    }
    switch (first) {
      case "rotate":
        Long n = integer(tokens);
        if (n == null || n < -1) {
          problems.add(fatal(here, "bad rotation count"));
          return false;
        }
        o.rotate = o.rotate.overriddenBy(Long.toString(n), here);
        return true;
      case "maxage":
        Long d = integer(tokens);
        if (d == null || d < 0) {
          problems.add(fatal(here, "bad maximum age"));
          return false;
        }
        o.maxage =
            o.maxage == null
                ? new RotationSetting(Long.toString(d), here, null)
                : o.maxage.overriddenBy(Long.toString(d), here);
        return true;
      case "minsize":
        Long min = tokens.size() < 2 ? null : size(tokens.get(1));
        if (min == null) {
          problems.add(fatal(here, "bad minimum size"));
          return false;
        }
        o.minsize =
            o.minsize == null
                ? new RotationSetting(tokens.get(1), here, null)
                : o.minsize.overriddenBy(tokens.get(1), here);
        return true;
      case "size":
        Long bytes = tokens.size() < 2 ? null : size(tokens.get(1));
        if (bytes == null) {
          problems.add(fatal(here, "bad size"));
          return false;
        }
        o.frequency = o.frequency.overriddenBy("size " + bytes, here);
        return true;
      default:
        if (!OTHER_OPTIONS.contains(first)) {
          problems.add(problem(here, "unknown option '" + tokens.get(0) + "': line ignored"));
        }
        return true;
    }
  }

  private void close(String source, int line, List<String> paths, Options o) {
    SourceLine where = new SourceLine(source, line, String.join(" ", paths));
    List<String> kept = new ArrayList<>();
    for (String p : paths) {
      SourceLine first = firstDefinition.get(p);
      if (first == null) {
        for (RotationBlock b : blocks) {
          for (String q : b.patterns()) {
            if (!p.contains("*") && LogrotateConfig.matches(q, p)) {
              first = b.where();
            }
          }
        }
      }
      if (first != null) {
        problems.add(
            ConfigProblem.ignored(
                where,
                "duplicate log entry for "
                    + p
                    + ": logrotate keeps the first definition at "
                    + first.location()
                    + " and ignores this one"));
        continue;
      }
      firstDefinition.put(p, where);
      kept.add(p);
    }
    blocks.add(
        new RotationBlock(
            new SourceLine(source, line, String.join(" ", kept)),
            kept,
            o.frequency,
            o.rotate,
            o.maxage,
            o.minsize));
  }

  private static boolean isOption(String word) {
    return FREQUENCIES.contains(word)
        || word.equals("rotate")
        || word.equals("maxage")
        || word.equals("size")
        || OTHER_OPTIONS.contains(word);
  }

  private static boolean looksLikePath(String t) {
    return t.startsWith("/")
        || t.startsWith("\"")
        || t.startsWith("'")
        || t.startsWith("~")
        || t.startsWith("*")
        || t.contains("{");
  }

  static boolean taboo(String name) {
    if (name.contains(".rhn-cfg-tmp-")) {
      return true;
    }
    for (String ext : TABOO) {
      if (name.endsWith(ext)) {
        return true;
      }
    }
    return false;
  }

  private static Long integer(List<String> tokens) {
    if (tokens.size() < 2) {
      return null;
    }
    try {
      return Long.parseLong(tokens.get(1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** logrotate sizes: bytes, or k/M/G suffixes (base 1024). */
  static Long size(String s) {
    String t = s.startsWith("=") ? s.substring(1) : s;
    long mult = 1;
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    if (last == 'k' || last == 'K') {
      mult = 1024;
    } else if (last == 'M') {
      mult = 1024L * 1024;
    } else if (last == 'G') {
      mult = 1024L * 1024 * 1024;
    }
    if (mult > 1) {
      t = t.substring(0, t.length() - 1);
    }
    try {
      return Long.parseLong(t) * mult;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    for (String t : s.split("\\s+")) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static String unquote(String t) {
    if (t.length() >= 2
        && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }

  private static ConfigProblem fatal(SourceLine d, String message) {
    return ConfigProblem.fatal(d, message);
  }

  private static ConfigProblem problem(SourceLine d, String message) {
    return ConfigProblem.ignored(d, message);
  }

  /** A map-backed {@link Sources}, for fixtures. */
  public static Sources of(Map<String, String> files) {
    Map<String, String> copy = new LinkedHashMap<>(files);
    return new Sources() {
      @Override
      public Optional<String> file(String path) {
        return Optional.ofNullable(copy.get(path));
      }

      @Override
      public Optional<List<String>> directory(String path) {
        String prefix = path.endsWith("/") ? path : path + "/";
        List<String> names = new ArrayList<>();
        for (String k : copy.keySet()) {
          if (k.startsWith(prefix) && k.indexOf('/', prefix.length()) < 0) {
            names.add(k.substring(prefix.length()));
          }
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(names);
      }
    };
  }
}
