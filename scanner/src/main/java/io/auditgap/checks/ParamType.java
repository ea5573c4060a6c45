package io.auditgap.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The type of a check parameter and how a raw value becomes it. Raw values come as YAML read
 * without implicit typing (every scalar is text), as inventory values, or as {@code --param} text;
 * all three go through {@link #convert}, so {@code accept: [1, on]} stays {@code ["1", "on"]}.
 */
public enum ParamType {
  /** One line of text. */
  TEXT("text"),
  /** A whole number (decimal). */
  INTEGER("an integer"),
  /** {@code true} or {@code false}, nothing else. */
  BOOLEAN("true or false"),
  /** Permission bits in octal, e.g. {@code 0640}. */
  MODE("an octal file mode such as 0640"),
  /** A list of text values; a single value or (from the command line) a comma-separated list. */
  TEXT_LIST("a list of values"),
  /** A list of mappings (audit rule requirements: watch/perms/syscalls/...). */
  MAPPING_LIST("a list of mappings");

  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
  private static final Pattern OCTAL = Pattern.compile("0?[0-7]{3,4}");

  private final String expected;

  ParamType(String expected) {
    this.expected = expected;
  }

  /** What a value of this type looks like, for error messages. */
  public String expected() {
    return expected;
  }

  /**
   * The typed value: String for TEXT and MODE, Long, Boolean, List of String, or List of Map.
   *
   * @throws IllegalArgumentException with a message that completes "NAME: "
   */
  public Object convert(Object raw) {
    switch (this) {
      case TEXT -> {
        return scalar(raw);
      }
      case INTEGER -> {
        String s = scalar(raw).strip();
        if (!DECIMAL.matcher(s).matches()) {
          throw wrong(raw);
        }
        return Long.valueOf(s);
      }
      case BOOLEAN -> {
        String s = scalar(raw).strip();
        if (s.equals("true") || s.equals("false")) {
          return Boolean.valueOf(s);
        }
        throw wrong(raw);
      }
      case MODE -> {
        String s = scalar(raw).strip();
        if (!OCTAL.matcher(s).matches()) {
          throw wrong(raw);
        }
        return s;
      }
      case TEXT_LIST -> {
        if (raw instanceof List<?> l) {
          List<String> out = new ArrayList<>();
          for (Object o : l) {
            out.add(scalar(o));
          }
          return List.copyOf(out);
        }
        String s = scalar(raw);
        return s.contains(",")
            ? List.of(s.split(",")).stream().map(String::strip).toList()
            : List.of(s.strip());
      }
      case MAPPING_LIST -> {
        if (!(raw instanceof List<?> l)) {
          throw wrong(raw);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : l) {
          if (!(o instanceof Map<?, ?> m)) {
            throw wrong(o);
          }
          Map<String, Object> entry = new LinkedHashMap<>();
          for (Map.Entry<?, ?> e : m.entrySet()) {
            entry.put(
                e.getKey().toString(),
                e.getValue() instanceof List<?> vl
                    ? vl.stream().map(ParamType::scalar).toList()
                    : scalar(e.getValue()));
          }
          out.add(Map.copyOf(entry));
        }
        return List.copyOf(out);
      }
      default -> throw new IllegalStateException(name());
    }
  }

  private static String scalar(Object raw) {
    if (raw == null || raw instanceof List || raw instanceof Map) {
      throw new IllegalArgumentException(
          "expected a single value, got " + (raw == null ? "nothing" : shape(raw)));
    }
    return raw.toString();
  }

  private IllegalArgumentException wrong(Object raw) {
    String got =
        raw instanceof List || raw instanceof Map || raw == null
            ? shape(raw)
            : quote(raw.toString());
    return new IllegalArgumentException("must be " + expected + " (got " + got + ")");
  }

  private static String quote(String s) {
    String one = s.replaceAll("\\p{Cntrl}", " ");
    return "\"" + (one.length() > 60 ? one.substring(0, 57) + "..." : one) + "\"";
  }

  private static String shape(Object raw) {
    return raw == null ? "nothing" : raw instanceof List ? "a list" : "a mapping";
  }
}
