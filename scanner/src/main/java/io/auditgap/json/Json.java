package io.auditgap.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one Jackson configuration for every JSON file auditgap writes and reads back ({@code
 * report.json}, {@code diff.json}, {@code probe.json}, {@code report.sarif}). Files are records
 * bound by this mapper both ways, so what is written is what is read.
 *
 * <ul>
 *   <li>record components in camelCase are {@code snake_case} keys, in declaration order;
 *   <li>{@code Instant} and {@code LocalDate} are ISO-8601 strings ({@code jsr310});
 *   <li>enums are their lower-case names, read back only so ({@link LowerCaseEnums});
 *   <li>output is indented with LF on every platform and escapes what could drive a terminal
 *       ({@link TerminalSafeEscapes}), so the same value always gives the same bytes;
 *   <li>reading is strict about types (no {@code "42"} for 42, no 42 for a string, no null for a
 *       number, no duplicate keys, nothing after the document) but ignores unknown keys, so a file
 *       from a newer minor version still reads.
 * </ul>
 */
public final class Json {
  /** Longest single string accepted (evidence is capped at 1 MiB per item by the collector). */
  public static final int MAX_STRING_CHARS = 64 * 1024 * 1024;

  private static final ObjectMapper MAPPER = build();
  private static final ObjectWriter PRETTY = MAPPER.writer(lfPrettyPrinter());

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Indented output with LF line ends (the files are compared byte for byte). */
  public static ObjectWriter writer() {
    return PRETTY;
  }

  /** Writes {@code value} indented, followed by a newline; leaves {@code out} open. */
  public static void write(Object value, Writer out) throws IOException {
    PRETTY.writeValue(out, value);
    out.write('\n');
    out.flush();
  }

  private static ObjectMapper build() {
    JsonFactory factory =
        new JsonFactoryBuilder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNestingDepth(64)
                    .build())
            .characterEscapes(new TerminalSafeEscapes())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
    JsonMapper mapper =
        JsonMapper.builder(factory)
            .addModule(new JavaTimeModule())
            .addModule(new LowerCaseEnums())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    // A number or boolean where a string belongs is a mistake in the file, not a value to convert.
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  private static DefaultPrettyPrinter lfPrettyPrinter() {
    DefaultIndenter lf = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter().withObjectIndenter(lf).withArrayIndenter(lf);
  }

  private static final Pattern MISSING =
      Pattern.compile("Missing required creator property '([^']*)'");

  /**
   * What is wrong with a file, in one line: where ({@code $.hosts[4].status}, line and column) and
   * what, without Jackson's class names. Values quoted from the file are the caller's to sanitise.
   */
  public static String describe(JacksonException e) {
    String where = e instanceof JsonMappingException m ? path(m) : "";
    String what;
    if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      what = v.getCause().getMessage();
    } else if (e instanceof InvalidFormatException f) {
      what =
          f.getTargetType() != null && f.getTargetType().isEnum()
              ? "unknown value '" + f.getValue() + "'"
              : "'" + f.getValue() + "' is not " + kind(f.getTargetType());
    } else if (e instanceof MismatchedInputException mi) {
      Matcher m = MISSING.matcher(String.valueOf(mi.getOriginalMessage()));
      if (m.find()) {
        what = "missing required key '" + m.group(1) + "'";
        where = where.substring(0, where.length() - (m.group(1).length() + 1));
      } else if (String.valueOf(mi.getOriginalMessage()).startsWith("Trailing token")) {
        what = "more content after the end of the document";
      } else if (mi.getTargetType() != null) {
        what = "expected " + kind(mi.getTargetType());
      } else {
        what = mi.getOriginalMessage();
      }
    } else if (e instanceof JsonMappingException) {
      what = e.getOriginalMessage();
    } else {
      String message = String.valueOf(e.getOriginalMessage());
      int cut = message.indexOf(" (start marker");
      what = "not valid JSON: " + (cut < 0 ? message : message.substring(0, cut));
    }
    JsonLocation at = e.getLocation();
    String line =
        at == null || at.getLineNr() < 1
            ? ""
            : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    return (where.isEmpty() ? "" : where + ": ") + what + line;
  }

  /** {@code $.hosts[4].findings[0].status}. */
  static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder("$");
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append('.').append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String kind(Class<?> type) {
    if (type == null) {
      return "valid here";
    }
    if (type == Instant.class) {
      return "an ISO-8601 UTC instant";
    }
    if (type == LocalDate.class) {
      return "a date (YYYY-MM-DD)";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type.isEnum()) {
      return "one of its ids (a string)";
    }
    return "an object";
  }
}
