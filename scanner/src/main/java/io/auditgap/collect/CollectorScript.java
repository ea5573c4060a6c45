package io.auditgap.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the POSIX sh collector for a set of items: the fixed functions in {@code collector.sh}
 * plus one call per item. Item names are validated so that nothing from a check catalog can break
 * out of the single quotes they are placed in.
 */
public final class CollectorScript {
  private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9_./+@:,-]*");
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_./+@:,= -]+");
  private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{8,64}");
  private static final String FUNCTIONS = load();

  /**
   * The collector's version: the first 12 hex digits of the SHA-256 of its functions and of the
   * snippet whose answer the reader cuts into items ({@link SystemctlShows#TEMPLATE}), so any
   * change to what the script does changes it. Bundles carry it in their first line.
   */
  public static final String VERSION =
      digest(FUNCTIONS + '\n' + SystemctlShows.TEMPLATE).substring(0, 12);

  /**
   * The functions as a direct scan sends them: without their comment lines, which are for a person
   * reading the printed collector and make up about half of its text (fewer bytes for sshd to
   * carry, and for sudo to relay and log where it logs input). The commands are the same.
   */
  private static final String WIRE_FUNCTIONS = withoutCommentLines(FUNCTIONS);

  private CollectorScript() {}

  /**
   * The script text a direct scan sends: functions (without comment lines), then {@code ag_main}
   * with one call per item, then its call.
   */
  public static String render(
      Collection<? extends CollectionItem> items, String nonce, CollectorLimits limits) {
    return prepare(items, limits).withNonce(nonce);
  }

  /**
   * The script a direct scan sends for {@code items}, rendered up to the nonce that each run puts
   * in: rendering it (the functions' settings, the item digests, one call per item) is done once
   * for all the hosts of a scan instead of for each, before the first connection needs it.
   */
  public static Prepared prepare(
      Collection<? extends CollectionItem> items, CollectorLimits limits) {
    return prepare(items, limits, WIRE_FUNCTIONS);
  }

  /** A script rendered but for its nonce ({@link #withNonce}). */
  public static final class Prepared {
    private final Collection<? extends CollectionItem> items;
    private final String functions; // still holding __NONCE__
    private final String main;

    private Prepared(Collection<? extends CollectionItem> items, String functions, String main) {
      this.items = items;
      this.functions = functions;
      this.main = main;
    }

    /** Whether this is the script of exactly that collection (the same object). */
    public boolean isFor(Collection<? extends CollectionItem> items) {
      return this.items == items;
    }

    /** The script with {@code nonce} in its frame markers. */
    public String withNonce(String nonce) {
      if (!NONCE.matcher(nonce).matches()) {
        throw new IllegalArgumentException("nonce must be 8-64 letters or digits");
      }
      return functions.replace("__NONCE__", nonce) + main;
    }
  }

  private static Prepared prepare(
      Collection<? extends CollectionItem> items, CollectorLimits limits, String functions) {
    String settled =
        functions
            .replace("__COLLECTOR_VERSION__", VERSION)
            .replace("__ITEM_DIGESTS__", itemDigests(items))
            .replace("__ITEM_CAP__", Long.toString(limits.itemCap()))
            .replace("__TOTAL_CAP__", Long.toString(limits.totalCap()))
            .replace("__MAX_ENTRIES__", Integer.toString(limits.maxEntries()))
            .replace(
                "__ITEM_TIMEOUT__", Long.toString(Math.max(1, limits.itemTimeout().toSeconds())));
    StringBuilder sb = new StringBuilder(64 * items.size() + 256);
    sb.append("\nag_main() {\n  ag_setup\n");
    java.util.Set<String> keys = new java.util.HashSet<>();
    List<CollectionItem.Command> grouped = new java.util.ArrayList<>();
    List<CollectionItem.Command> shows = SystemctlShows.merged(items);
    if (!shows.isEmpty()) {
      grouped.add(SystemctlShows.shared(shows)); // one systemctl for all of them, cut when read
    }
    for (CollectionItem item : items) {
      if (!keys.add(item.key())) {
        continue; // declared twice (e.g. guarded by one check, quick by another): run it once
      }
      if (item instanceof CollectionItem.Command c && shows.contains(c)) {
        continue; // answered by the shared systemctl run
      }
      if (item instanceof CollectionItem.Command c && c.guarded()) {
        // under one shared timeout (ag_grp), below; each item reaches the bundle as soon as it ends
        grouped.add(c);
        continue;
      }
      if (item instanceof CollectionItem.File f) {
        sb.append("  ag_file ").append(quote(f.path()));
      } else if (item instanceof CollectionItem.Directory d) {
        sb.append("  ag_dir ").append(quote(d.path()));
      } else if (item instanceof CollectionItem.Command c) {
        sb.append(c.guarded() ? (c.capped() ? "  ag_cmd " : "  ag_cmdt ") : "  ag_run ");
        sb.append(quote(c.name())).append(' ').append(quote(c.shell()));
      }
      sb.append('\n');
    }
    if (grouped.size() == 1) {
      CollectionItem.Command c = grouped.get(0);
      sb.append(c.capped() ? "  ag_cmd " : "  ag_cmdt ").append(quote(c.name())).append(' ');
      sb.append(quote(c.shell())).append('\n');
    } else if (!grouped.isEmpty()) {
      sb.append("  ag_grp");
      for (CollectionItem.Command c : grouped) {
        sb.append(" \\\n    ").append(quote(c.name())).append(c.capped() ? " 1 " : " 0 ");
        sb.append(quote(c.shell()));
      }
      sb.append('\n');
    }
    sb.append("  ag_end\n}\nag_main\n");
    return new Prepared(items, settled, sb.toString());
  }

  /**
   * The script as a file for other runners (Ansible, SSM, Salt, a person with sudo): a manifest of
   * everything it reads, then the same functions, ending with a checksum line over the bundle so
   * that a truncated or altered bundle is refused by {@code auditgap evaluate}.
   *
   * @param heading comment lines placed under the shebang (who made it, how to run it)
   */
  public static String renderStandalone(
      Collection<? extends CollectionItem> items,
      String nonce,
      CollectorLimits limits,
      List<String> heading) {
    StringBuilder sb = new StringBuilder("#!/bin/sh\n");
    for (String h : heading) {
      sb.append("# ").append(oneLine(h)).append('\n');
    }
    sb.append("#\n# Manifest: collector ").append(VERSION).append(", ").append(items.size());
    sb.append(" items (read only; nothing is written on the host)\n");
    for (CollectionItem item : items) {
      if (item instanceof CollectionItem.File f) {
        sb.append("#   file ").append(f.path());
      } else if (item instanceof CollectionItem.Directory d) {
        sb.append("#   dir  ").append(d.path()).append("  (names, and every regular file in it)");
      } else if (item instanceof CollectionItem.Command c) {
        sb.append("#   cmd  ").append(c.name()).append(": ").append(oneLine(c.shell()));
      }
      sb.append('\n');
    }
    String body = prepare(items, limits, FUNCTIONS).withNonce(nonce);
    body = body.substring(0, body.lastIndexOf("ag_main\n")) + "ag_sealed\n";
    return sb.append('\n').append(body).toString();
  }

  /**
   * The digests of the script's commands ({@link CollectionItem.Command#digest()}), sorted and
   * comma-separated: the collector's version covers its functions only, so a bundle names the exact
   * commands that produced its outputs and {@code evaluate} reads none that this auditgap defines
   * differently.
   */
  static String itemDigests(Collection<? extends CollectionItem> items) {
    TreeSet<String> digests = new TreeSet<>();
    for (CollectionItem item : items) {
      if (item instanceof CollectionItem.Command c) {
        digests.add(c.digest());
      }
    }
    return String.join(",", digests);
  }

  /**
   * {@code sh} without the lines that are only a comment. A line inside quoted text that spans
   * lines (a single-quoted program) is kept whatever it starts with.
   */
  static String withoutCommentLines(String sh) {
    byte[] kind = quoting(sh);
    StringBuilder out = new StringBuilder(sh.length());
    int start = 0;
    while (start <= sh.length()) {
      int end = sh.indexOf('\n', start);
      if (end < 0) {
        end = sh.length();
      }
      int first = start;
      while (first < end && Character.isWhitespace(sh.charAt(first))) {
        first++;
      }
      if (first == end || kind[first] != COMMENT) {
        out.append(sh, start, end).append('\n');
      }
      start = end + 1;
    }
    return out.substring(0, out.length() - 1);
  }

  private static final byte PLAIN = 0;
  private static final byte SINGLE = 1;
  private static final byte DOUBLE = 2;
  private static final byte COMMENT = 3;

  /**
   * What each character of {@code sh} is: shell text, single- or double-quoted text (the quotes
   * included, also across lines) or a comment (from a {@code #} that starts a word outside quotes
   * to the end of its line). A backslash outside single quotes takes the next character with it.
   */
  private static byte[] quoting(String sh) {
    byte[] kind = new byte[sh.length()];
    char quote = 0;
    boolean comment = false;
    for (int i = 0; i < sh.length(); i++) {
      char c = sh.charAt(i);
      if (comment) {
        comment = c != '\n';
        kind[i] = comment ? COMMENT : PLAIN;
      } else if (quote == '\'') {
        kind[i] = SINGLE;
        quote = c == '\'' ? 0 : quote;
      } else if (c == '\\' && i + 1 < sh.length()) {
        kind[i] = quote == 0 ? PLAIN : DOUBLE;
        kind[++i] = kind[i - 1];
      } else if (quote == '"') {
        kind[i] = DOUBLE;
        quote = c == '"' ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        kind[i] = c == '\'' ? SINGLE : DOUBLE;
        quote = c;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(sh.charAt(i - 1)))) {
        kind[i] = COMMENT;
        comment = true;
      }
    }
    return kind;
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n]+", " ");
  }

  static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Single-quotes {@code s} for sh. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static void requireSafeWord(String path) {
    if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("/../")) {
      throw new IllegalArgumentException("not a plain absolute path: " + path);
    }
  }

  /**
   * A command snippet runs as the body of a shell function in the collector's own shell (no
   * subshell per item, see collector.sh): it ends with {@code return}, and never ends or leaves
   * that shell ({@code exit}, {@code exec}), changes its directory or its traps. Text in single
   * quotes (an awk program, say) is not shell and is not checked.
   */
  static void requireFunctionBody(String shell) {
    Matcher m = SHELL_ONLY.matcher(unquoted(shell));
    if (m.find()) {
      throw new IllegalArgumentException(
          "a command snippet is a function body: '"
              + m.group(2)
              + "' ends or changes the collector's shell (use return): "
              + shell);
    }
  }

  private static final Pattern SHELL_ONLY =
      Pattern.compile(
          "(^|[;&|({`\\n]|\\b(?:then|else|do|if|while|until)|!)\\s*(exit|exec|cd|trap)(?=\\s|;|\\)|$)");

  /** The snippet with its single-quoted text and comments blanked out. */
  private static String unquoted(String shell) {
    byte[] kind = quoting(shell);
    StringBuilder sb = new StringBuilder(shell);
    for (int i = 0; i < kind.length; i++) {
      if (kind[i] == SINGLE || kind[i] == COMMENT) {
        sb.setCharAt(i, ' ');
      }
    }
    return sb.toString();
  }

  static void requireSafeName(String name) {
    if (name == null || !SAFE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain item name: " + name);
    }
  }

  private static String load() {
    try (InputStream in = CollectorScript.class.getResourceAsStream("collector.sh")) {
      if (in == null) {
        throw new IllegalStateException("collector.sh missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
