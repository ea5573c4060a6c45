package io.auditgap.facts.sshd;

import io.auditgap.facts.ConfigFiles;
import io.auditgap.facts.ConfigProblem;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SourceLine;
import io.auditgap.text.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads sshd_config the way OpenSSH 9.2's sshd does, as far as logging and PAM need: keywords are
 * case-insensitive and may be followed by {@code =}; arguments may be quoted; a word starting with
 * {@code #} ends the line; {@code Include} expands in place (relative paths under {@code /etc/ssh},
 * globs in lexical order); a {@code Match} block lasts until the next {@code Match} or the end of
 * the file it is written in (verified with sshd 9.2: a Match at the end of an included file does
 * not extend into the including file). Pure: never throws, problems come back as values.
 */
public final class SshdConfigParser {
  /** sshd refuses deeper include nesting (SERVCONF_MAX_DEPTH). */
  static final int MAX_DEPTH = 16;

  /**
   * Files that include each other several times expand exponentially within the depth limit (3
   * Includes of the same file, 16 deep, are 43 million reads); sshd would take as long. Real
   * configurations read a handful of files.
   */
  static final int MAX_READS = 1_000;

  private static final Pattern GLOB = Pattern.compile("[*?\\[]");

  private final ConfigFiles files;
  private final List<ConfigEntry> entries = new ArrayList<>();
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<String> read = new ArrayList<>();
  private int reads;

  private SshdConfigParser(ConfigFiles files) {
    this.files = files;
  }

  /**
   * Parses the main file and everything it includes.
   *
   * @return unseen when the main file itself could not be read; a seen config with no entries when
   *     it does not exist
   */
  public static Observed<SshdConfig> parse(String mainPath, ConfigFiles files) {
    Observed<Optional<String>> main = files.read(mainPath);
    if (!main.isSeen()) {
      return Observed.unseen(main.reason());
    }
    SshdConfigParser p = new SshdConfigParser(files);
    if (main.value().isPresent()) {
      p.parseFile(mainPath, main.value().get(), null, 0);
    }
    return Observed.seen(new SshdConfig(mainPath, p.entries, p.problems, p.read));
  }

  /** Parses one text as if it were the whole configuration (no includes followed). */
  public static SshdConfig parseText(String path, String text) {
    SshdConfigParser p =
        new SshdConfigParser(
            new ConfigFiles() {
              @Override
              public Observed<Optional<String>> read(String f) {
                return Observed.unseen(f + " was not collected");
              }

              @Override
              public Observed<List<String>> list(String dir) {
                return Observed.unseen(dir + " was not collected");
              }
            });
    p.parseFile(path, text, null, 0);
    return new SshdConfig(path, p.entries, p.problems, p.read);
  }

  private void parseFile(String path, String text, MatchBlock inherited, int depth) {
    read.add(path);
    MatchBlock current = inherited;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      SourceLine src = new SourceLine(path, i + 1, raw);
      List<String> words;
      try {
        words = tokenize(raw);
      } catch (IllegalArgumentException e) {
        problems.add(ConfigProblem.fatal(src, e.getMessage()));
        continue;
      }
      if (words.isEmpty()) {
        continue;
      }
      String keyword = words.get(0).toLowerCase(Locale.ROOT);
      List<String> args = words.subList(1, words.size());
      switch (keyword) {
        case "match" -> current = matchBlock(args, src);
        case "include" -> include(args, src, current, depth);
        default -> entries.add(new SshdDirective(keyword, args, src, current));
      }
    }
  }

  private MatchBlock matchBlock(List<String> args, SourceLine src) {
    List<MatchCriterion> criteria = new ArrayList<>();
    int i = 0;
    while (i < args.size()) {
      String attr = args.get(i).toLowerCase(Locale.ROOT);
      if (attr.equals("all")) {
        if (i != 0 || args.size() > 1) {
          problems.add(
              ConfigProblem.fatal(src, "'all' cannot be combined with other Match attributes"));
        }
        criteria.add(new MatchCriterion("all", ""));
        i++;
        continue;
      }
      if (i + 1 >= args.size()) {
        problems.add(ConfigProblem.fatal(src, "Missing Match criteria for " + args.get(i)));
        criteria.add(new MatchCriterion(attr, ""));
        break;
      }
      if (!MatchEvaluator.ATTRIBUTES.contains(attr)) {
        problems.add(ConfigProblem.fatal(src, "Unsupported Match attribute " + args.get(i)));
      }
      criteria.add(new MatchCriterion(attr, args.get(i + 1)));
      i += 2;
    }
    if (args.isEmpty()) {
      problems.add(ConfigProblem.fatal(src, "One or more attributes required for Match"));
    }
    return new MatchBlock(criteria, src);
  }

  private void include(List<String> args, SourceLine src, MatchBlock match, int depth) {
    if (args.isEmpty()) {
      problems.add(ConfigProblem.fatal(src, "Include missing filename argument"));
      return;
    }
    if (depth + 1 > MAX_DEPTH) {
      problems.add(ConfigProblem.fatal(src, "Include nested too deep"));
      return;
    }
    for (String arg : args) {
      String target = arg.startsWith("/") ? arg : "/etc/ssh/" + arg;
      int slash = target.lastIndexOf('/');
      String dir = slash == 0 ? "/" : target.substring(0, slash);
      String name = target.substring(slash + 1);
      if (GLOB.matcher(dir).find()) {
        entries.add(
            new UnreadInclude(
                src,
                target,
                "a wildcard in a directory name is not followed by the scanner",
                match));
        continue;
      }
      if (!GLOB.matcher(name).find()) {
        includeFile(target, src, match, depth);
        continue;
      }
      Observed<List<String>> names = files.list(dir);
      if (!names.isSeen()) {
        entries.add(new UnreadInclude(src, target, names.reason(), match));
        continue;
      }
      List<String> matching = new ArrayList<>();
      for (String n : names.value()) {
        if (Glob.matches(name, n, Glob.FILE_NAME)) {
          matching.add(n);
        }
      }
      // glob(3) sorts; sshd does not set a locale, so the order is byte order
      matching.sort(String::compareTo);
      for (String n : matching) {
        includeFile(dir.equals("/") ? "/" + n : dir + "/" + n, src, match, depth);
      }
    }
  }

  private void includeFile(String path, SourceLine src, MatchBlock match, int depth) {
    if (++reads > MAX_READS) {
      if (reads == MAX_READS + 1) {
        entries.add(
            new UnreadInclude(
                src,
                path,
                "Includes expand to more than "
                    + MAX_READS
                    + " file reads (files that include each other repeatedly); the rest is not"
                    + " followed",
                match));
      }
      return;
    }
    Observed<Optional<String>> text = files.read(path);
    if (!text.isSeen()) {
      entries.add(new UnreadInclude(src, path, text.reason(), match));
      return;
    }
    // a missing file that is not a glob is accepted silently by sshd 9.2 (verified)
    text.value().ifPresent(t -> parseFile(path, t, match, depth + 1));
  }

  /**
   * Splits a line into words like sshd: the keyword ends at whitespace or {@code =}; arguments are
   * whitespace separated, double or single quoted, with backslash escapes of quotes; a word
   * starting with {@code #} ends the line.
   *
   * @throws IllegalArgumentException for an unterminated quote (sshd rejects the line)
   */
  static List<String> tokenize(String line) {
    List<String> out = new ArrayList<>();
    String s = line.replace("\r", "");
    int i = 0;
    int n = s.length();
    while (i < n && isSpace(s.charAt(i))) {
      i++;
    }
    if (i >= n || s.charAt(i) == '#') {
      return out;
    }
    int start = i;
    while (i < n && !isSpace(s.charAt(i)) && s.charAt(i) != '=') {
      i++;
    }
    out.add(s.substring(start, i));
    while (i < n && isSpace(s.charAt(i))) {
      i++;
    }
    if (i < n && s.charAt(i) == '=') {
      i++;
    }
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      if (i >= n || s.charAt(i) == '#') {
        break;
      }
      StringBuilder word = new StringBuilder();
      char quote = 0;
      while (i < n) {
        char c = s.charAt(i);
        if (quote == 0 && isSpace(c)) {
          break;
        }
        if (c == '\\' && i + 1 < n && "\"'\\ ".indexOf(s.charAt(i + 1)) >= 0) {
          word.append(s.charAt(i + 1));
          i += 2;
          continue;
        }
        if (quote == 0 && (c == '"' || c == '\'')) {
          quote = c;
        } else if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
        i++;
      }
      if (quote != 0) {
        throw new IllegalArgumentException("unterminated quote");
      }
      out.add(word.toString());
    }
    return out;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\f' || c == '\n';
  }
}
