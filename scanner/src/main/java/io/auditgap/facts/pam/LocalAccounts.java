package io.auditgap.facts.pam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Local accounts as the files describe them: {@code /etc/passwd}, {@code /etc/shells}, {@code
 * /etc/group} and UID_MIN from {@code /etc/login.defs}. Pure parsers; malformed lines are skipped.
 */
public final class LocalAccounts {
  /** glibc's getusershell() list when /etc/shells does not exist. */
  static final Set<String> DEFAULT_SHELLS = Set.of("/bin/sh", "/bin/csh");

  private LocalAccounts() {}

  public static List<LocalUser> parsePasswd(String text) {
    List<LocalUser> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.isBlank() || l.startsWith("#") || l.startsWith("+") || l.startsWith("-")) {
        continue;
      }
      String[] f = l.split(":", -1);
      if (f.length < 7 || f[0].isEmpty()) {
        continue;
      }
      try {
        out.add(new LocalUser(f[0], Long.parseLong(f[2].strip()), f[5], f[6].strip(), i + 1));
      } catch (NumberFormatException e) {
        // a uid that is not a number: the account is unusable, skip it
      }
    }
    return out;
  }

  /** The shells listed in /etc/shells (comments and blank lines ignored). */
  public static Set<String> parseShells(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String l : text.split("\n")) {
      String s = l.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        out.add(s);
      }
    }
    return out;
  }

  /** UID_MIN from login.defs, when set to a number. */
  public static OptionalLong uidMin(String loginDefs) {
    OptionalLong v = OptionalLong.empty();
    for (String l : loginDefs.split("\n")) {
      String s = l.strip();
      if (s.startsWith("#")) {
        continue;
      }
      String[] f = s.split("\\s+");
      if (f.length >= 2 && f[0].equals("UID_MIN")) {
        try {
          v = OptionalLong.of(Long.parseLong(f[1]));
        } catch (NumberFormatException e) {
          // login.defs ignores a bad value too
        }
      }
    }
    return v;
  }

  /** Group name → member names (secondary members only; primary groups come from passwd). */
  public static Map<String, Set<String>> parseGroups(String text) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (String l : text.split("\n")) {
      String[] f = l.split(":", -1);
      if (f.length < 4 || f[0].isEmpty() || l.startsWith("#")) {
        continue;
      }
      Set<String> members = new LinkedHashSet<>();
      for (String m : f[3].split(",")) {
        if (!m.isBlank()) {
          members.add(m.strip());
        }
      }
      out.put(f[0], members);
    }
    return out;
  }

  /** True for the shells that refuse a login ({@code nologin}, {@code false}). */
  public static boolean refusesLogin(String shell) {
    String base = shell.substring(shell.lastIndexOf('/') + 1);
    return shell.isEmpty() || base.equals("nologin") || base.equals("false");
  }
}
