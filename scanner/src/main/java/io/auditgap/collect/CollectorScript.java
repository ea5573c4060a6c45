package io.auditgap.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
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

  private CollectorScript() {}

  /** The script text: functions, then {@code ag_main} with one call per item, then its call. */
  public static String render(
      Collection<? extends CollectionItem> items, String nonce, CollectorLimits limits) {
    if (!NONCE.matcher(nonce).matches()) {
      throw new IllegalArgumentException("nonce must be 8-64 letters or digits");
    }
    StringBuilder sb = new StringBuilder(FUNCTIONS.length() + 64 * items.size() + 256);
    sb.append(
        FUNCTIONS
            .replace("__NONCE__", nonce)
            .replace("__ITEM_CAP__", Long.toString(limits.itemCap()))
            .replace("__TOTAL_CAP__", Long.toString(limits.totalCap()))
            .replace("__MAX_ENTRIES__", Integer.toString(limits.maxEntries()))
            .replace(
                "__ITEM_TIMEOUT__", Long.toString(Math.max(1, limits.itemTimeout().toSeconds()))));
    sb.append("\nag_main() {\n  ag_setup\n");
    for (CollectionItem item : items) {
      if (item instanceof CollectionItem.File f) {
        sb.append("  ag_file ").append(quote(f.path()));
      } else if (item instanceof CollectionItem.Directory d) {
        sb.append("  ag_dir ").append(quote(d.path()));
      } else if (item instanceof CollectionItem.Command c) {
        sb.append(c.guarded() ? "  ag_cmd " : "  ag_run ");
        sb.append(quote(c.name())).append(' ').append(quote(c.shell()));
      }
      sb.append('\n');
    }
    sb.append("  ag_end\n}\nag_main\n");
    return sb.toString();
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
