package io.auditgap.review;

import java.util.regex.Pattern;

/** Shell-style globs ({@code *} and {@code ?}) over check ids and host names. */
final class Globs {
  private Globs() {}

  static boolean matches(String glob, String text) {
    if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0) {
      return glob.equals(text);
    }
    return compile(glob).matcher(text).matches();
  }

  static Pattern compile(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
