package io.auditgap.checks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One parameter a matcher reads, declared by the matcher: the catalog, the inventory and {@code
 * --param} are validated against it.
 *
 * @param name the key in {@code params:}
 * @param type how values are read and checked
 * @param defaultValue the value when nothing sets it (typed as {@link ParamType#convert} returns
 *     it), or null when the matcher has no default
 * @param allowed the values an entry may take (case-insensitive; empty: any value of the type)
 * @param perProfile whether the catalog may give one value per profile ({@code {baseline: ...,
 *     stig: ...}})
 * @param userSettable whether a user may override it with {@code --param} or inventory {@code
 *     params:}; parameters that define what a check asserts (which rules, which levels) are not
 * @param check a further check of the typed value (e.g. the structure of audit rule requirements)
 */
public record ParamSpec(
    String name,
    ParamType type,
    Object defaultValue,
    List<String> allowed,
    boolean perProfile,
    boolean userSettable,
    Function<Object, Optional<String>> check) {
  public ParamSpec {
    allowed = List.copyOf(allowed);
  }

  public static ParamSpec of(String name, ParamType type) {
    return new ParamSpec(name, type, null, List.of(), false, false, v -> Optional.empty());
  }

  /** The same, with a check of the typed value that returns what is wrong with it. */
  public ParamSpec checkedBy(Function<Object, Optional<String>> check) {
    return new ParamSpec(name, type, defaultValue, allowed, perProfile, userSettable, check);
  }

  /** The same with a default value, given as its text. */
  public ParamSpec orElse(Object value) {
    return new ParamSpec(name, type, type.convert(value), allowed, perProfile, userSettable, check);
  }

  /** The same, restricted to these values. */
  public ParamSpec allowing(String... values) {
    return new ParamSpec(
        name, type, defaultValue, List.of(values), perProfile, userSettable, check);
  }

  /** The same, with a value per profile allowed in the catalog. */
  public ParamSpec byProfile() {
    return new ParamSpec(name, type, defaultValue, allowed, true, userSettable, check);
  }

  /** The same, settable by the user ({@code --param}, inventory {@code params:}). */
  public ParamSpec settable() {
    return new ParamSpec(name, type, defaultValue, allowed, perProfile, true, check);
  }

  /**
   * Reads one raw value (not per profile) into its typed form.
   *
   * @throws IllegalArgumentException with a message that names this parameter
   */
  public Object read(Object raw) {
    try {
      return checked(type.convert(raw));
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(m.startsWith(name) ? m : name + " " + m);
    }
  }

  private Object checked(Object v) {
    if (!allowed.isEmpty()) {
      for (Object item : v instanceof List<?> l ? l : List.of(v)) {
        if (!allowed.contains(item.toString().toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException(
              "does not allow \"" + item + "\" (allowed: " + String.join(", ", allowed) + ")");
        }
      }
    }
    Optional<String> problem = check.apply(v);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    return v;
  }
}
