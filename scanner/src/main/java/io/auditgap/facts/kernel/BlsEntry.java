package io.auditgap.facts.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Boot Loader Specification entry ({@code /boot/loader/entries/*.conf}, RHEL 8+, Fedora): {@code
 * key value} lines; the kernel command line is the {@code options} lines joined. GRUB's blscfg
 * expands {@code $name} from its environment block (grubenv); a variable that cannot be resolved is
 * kept in {@link #unresolved()} so it is never taken as empty without saying so.
 *
 * @param optionsLine 1-based line of the first {@code options} line, 0 when there is none
 * @param optionsText the options lines as written
 */
public record BlsEntry(
    String file,
    String title,
    String version,
    int optionsLine,
    String optionsText,
    KernelCmdline cmdline,
    List<String> unresolved) {
  private static final Pattern VAR = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?");

  public BlsEntry {
    unresolved = List.copyOf(unresolved);
  }

  /**
   * @param env grubenv variables, or null when grubenv could not be read
   */
  public static BlsEntry parse(String file, String text, Map<String, String> env) {
    String title = "";
    String version = "";
    int optionsLine = 0;
    List<String> options = new ArrayList<>();
    String[] lines = text == null ? new String[0] : text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] kv = l.split("\\s+", 2);
      String value = kv.length > 1 ? kv[1] : "";
      switch (kv[0]) {
        case "title":
          title = value;
          break;
        case "version":
          version = value;
          break;
        case "options":
          if (optionsLine == 0) {
            optionsLine = i + 1;
          }
          options.add(value);
          break;
        default:
          break;
      }
    }
    String written = String.join(" ", options);
    List<String> unresolved = new ArrayList<>();
    StringBuilder expanded = new StringBuilder();
    Matcher m = VAR.matcher(written);
    while (m.find()) {
      String name = m.group(1);
      // grub expands a variable missing from grubenv to nothing; an unreadable grubenv is unknown
      if (env == null) {
        unresolved.add(name);
      }
      String v = env == null ? "" : env.getOrDefault(name, "");
      m.appendReplacement(expanded, Matcher.quoteReplacement(v));
    }
    m.appendTail(expanded);
    return new BlsEntry(
        file,
        title,
        version,
        optionsLine,
        written,
        KernelCmdline.parse(expanded.toString()),
        unresolved);
  }

  public boolean isRescue() {
    return file.endsWith("-0-rescue.conf") || title.toLowerCase().contains("rescue");
  }
}
