package io.auditgap.facts.pam;

import io.auditgap.facts.SourceLine;
import java.util.List;
import java.util.Locale;

/**
 * One effective line of a PAM configuration file, as libpam assembles it (comment cut at the first
 * {@code #}, continuation lines joined).
 *
 * @param at the file, the line number of its first physical line, and the directive as written
 *     (comment removed, whitespace collapsed)
 * @param dashed a leading {@code -}: libpam stays silent when the module file is missing
 * @param type {@code auth}, {@code account}, {@code password}, {@code session}, or {@code @include}
 * @param control {@code required}, {@code requisite}, {@code sufficient}, {@code optional}, {@code
 *     include}, {@code substack}, or the inside of a bracket control such as {@code default=1}
 * @param bracket the control was written as {@code [value=action ...]}
 * @param module module path, or the included file for include, substack and @include
 * @param args module arguments in order
 */
public record PamRule(
    SourceLine at,
    boolean dashed,
    String type,
    String control,
    boolean bracket,
    String module,
    List<String> args) {
  public PamRule {
    args = List.copyOf(args);
  }

  public boolean isInclude() {
    return type.equals("@include")
        || (!bracket && (control.equals("include") || control.equals("substack")));
  }

  /** The module's file name without directories, e.g. {@code pam_tty_audit.so}. */
  public String moduleName() {
    int slash = module.lastIndexOf('/');
    return slash < 0 ? module : module.substring(slash + 1);
  }

  /** True for the module named, whatever directory the line gives it. */
  public boolean isModule(String name) {
    return !isInclude() && moduleName().equals(name);
  }

  static String normaliseType(String t) {
    return t.toLowerCase(Locale.ROOT);
  }
}
