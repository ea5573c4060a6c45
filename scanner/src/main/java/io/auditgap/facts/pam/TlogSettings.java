package io.auditgap.facts.pam;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;

/**
 * The writer tlog-rec-session uses: {@code "writer"} from {@code /etc/tlog/tlog-rec-session.conf},
 * else from the package default {@code /usr/share/tlog/tlog-rec-session.default.conf}, else {@code
 * journal}. Both files are JSON with C and C++ comments.
 *
 * @param writer {@code journal}, {@code syslog} or {@code file}
 * @param source the file that set it, or {@code built-in default}
 * @param problem why a file could not be parsed (tlog then refuses to start), or empty
 */
public record TlogSettings(String writer, String source, String problem) {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** The {@code writer} value in one config text; empty when unset, error text when unparsable. */
  static Optional<String> writerIn(String text) throws InvalidConfig {
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || !n.isObject()) {
        throw new InvalidConfig("not a JSON object");
      }
      JsonNode w = n.get("writer");
      return w != null && w.isTextual() ? Optional.of(w.asText()) : Optional.empty();
    } catch (java.io.IOException e) {
      throw new InvalidConfig(String.valueOf(e.getMessage()).split("\n")[0]);
    }
  }

  public static TlogSettings of(Optional<String> system, Optional<String> packaged) {
    for (int i = 0; i < 2; i++) {
      Optional<String> text = i == 0 ? system : packaged;
      String src =
          i == 0
              ? "/etc/tlog/tlog-rec-session.conf"
              : "/usr/share/tlog/tlog-rec-session.default.conf";
      if (text.isEmpty()) {
        continue;
      }
      try {
        Optional<String> w = writerIn(text.get());
        if (w.isPresent()) {
          return new TlogSettings(w.get(), src, "");
        }
      } catch (InvalidConfig e) {
        return new TlogSettings("", src, src + ": " + e.getMessage());
      }
    }
    return new TlogSettings("journal", "built-in default", "");
  }

  static final class InvalidConfig extends Exception {
    InvalidConfig(String m) {
      super(m);
    }
  }
}
