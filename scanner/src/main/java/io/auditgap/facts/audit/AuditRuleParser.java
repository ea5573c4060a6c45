package io.auditgap.facts.audit;

import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses audit rules, written as in a rules file or as printed by {@code auditctl -l} (both are
 * auditctl command lines), into {@link AuditStatement}s. A pure function of the text: hostile input
 * yields {@link RuleError}s, never exceptions.
 */
public final class AuditRuleParser {

  /** Fields whose values are user or group ids: {@code unset}, -1 and 4294967295 are the same. */
  private static final Set<String> ID_FIELDS =
      Set.of(
          "auid",
          "uid",
          "euid",
          "suid",
          "fsuid",
          "obj_uid",
          "gid",
          "egid",
          "sgid",
          "fsgid",
          "obj_gid",
          "sessionid");

  /** Field names libaudit knows (lib/fieldtab.h, audit 3.0.9), plus the loginuid alias. */
  private static final Set<String> KNOWN_FIELDS =
      Set.of(
          "a0",
          "a1",
          "a2",
          "a3",
          "arch",
          "auid",
          "loginuid",
          "devmajor",
          "devminor",
          "dir",
          "egid",
          "euid",
          "exe",
          "exit",
          "filetype",
          "fsgid",
          "fstype",
          "fsuid",
          "gid",
          "inode",
          "key",
          "msgtype",
          "obj_gid",
          "obj_lev_high",
          "obj_lev_low",
          "obj_role",
          "obj_type",
          "obj_uid",
          "obj_user",
          "path",
          "perm",
          "pers",
          "pid",
          "ppid",
          "saddr_fam",
          "sessionid",
          "sgid",
          "subj_clr",
          "subj_role",
          "subj_sen",
          "subj_type",
          "subj_user",
          "success",
          "suid",
          "uid",
          "field_compare");

  private static final List<String> OPERATORS = List.of("!=", ">=", "<=", "&=", "=", ">", "<", "&");

  private static final Map<String, ControlKind> CONTROL_OPTIONS =
      Map.ofEntries(
          Map.entry("-D", ControlKind.DELETE_ALL),
          Map.entry("-b", ControlKind.BACKLOG_LIMIT),
          Map.entry("-f", ControlKind.FAILURE_MODE),
          Map.entry("-e", ControlKind.ENABLED),
          Map.entry("-r", ControlKind.RATE_LIMIT),
          Map.entry("--backlog_wait_time", ControlKind.BACKLOG_WAIT_TIME),
          Map.entry("--reset_backlog_wait_time_actual", ControlKind.RESET_BACKLOG_WAIT_TIME_ACTUAL),
          Map.entry("--loginuid-immutable", ControlKind.LOGINUID_IMMUTABLE),
          Map.entry("--reset-lost", ControlKind.RESET_LOST),
          Map.entry("-i", ControlKind.IGNORE_ERRORS),
          Map.entry("-c", ControlKind.CONTINUE_ON_ERROR),
          Map.entry("-q", ControlKind.MAKE_EQUIVALENT),
          Map.entry("-t", ControlKind.TRIM_SUBTREES),
          Map.entry("-d", ControlKind.DELETE_RULE),
          Map.entry("-W", ControlKind.REMOVE_WATCH),
          Map.entry("-s", ControlKind.STATUS),
          Map.entry("-l", ControlKind.LIST));

  private static final Set<ControlKind> TAKES_ARGUMENT =
      Set.of(
          ControlKind.BACKLOG_LIMIT,
          ControlKind.FAILURE_MODE,
          ControlKind.ENABLED,
          ControlKind.RATE_LIMIT,
          ControlKind.BACKLOG_WAIT_TIME,
          ControlKind.MAKE_EQUIVALENT);

  private final Machine machine;
  private final SyscallTable table;

  public AuditRuleParser(Machine machine, SyscallTable table) {
    this.machine = machine;
    this.table = table;
  }

  public AuditRuleParser(Machine machine) {
    this(machine, SyscallTable.bundled());
  }

  /**
   * Parses a whole rules file, or an {@code auditctl -l} listing ({@code No rules} is an empty
   * one). Blank lines and full-line comments are skipped.
   */
  public List<AuditStatement> parse(String file, String text) {
    List<AuditStatement> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String raw =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      String t = raw.strip();
      if (t.isEmpty() || t.startsWith("#") || t.equals("No rules")) {
        continue;
      }
      out.add(parseLine(new SourceLine(file, i + 1, raw)));
    }
    return out;
  }

  /** Parses one non-blank, non-comment line. */
  public AuditStatement parseLine(SourceLine src) {
    try {
      return new LineParser(src).parse();
    } catch (RuntimeException e) {
      // a parser bug must not end the scan; the line is reported as not understood
      return new RuleError(src, "could not parse: " + e.getClass().getSimpleName());
    }
  }

  private final class LineParser {
    private final SourceLine src;
    private final String[] tokens;
    private int pos;

    private AuditList list;
    private AuditAction action;
    private boolean prepend;
    private String watchPath;
    private String perms;
    private AuditArch arch = AuditArch.NATIVE;
    private boolean syscallSeen;
    private boolean allSyscalls;
    private final TreeSet<Integer> syscalls = new TreeSet<>();
    private final List<FieldCondition> fields = new ArrayList<>();
    private final List<FieldComparison> comparisons = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private ControlKind control;
    private String controlArgument = "";

    LineParser(SourceLine src) {
      this.src = src;
      this.tokens = src.text().strip().split("\\s+");
    }

    AuditStatement parse() {
      while (pos < tokens.length) {
        String opt = tokens[pos++];
        if (opt.startsWith("#")) {
          // auditctl has no inline comments: the '#' becomes an argument and the line fails
          return error("inline comment: only whole-line comments are allowed");
        }
        String problem = option(opt);
        if (problem != null) {
          return error(problem);
        }
      }
      return finish();
    }

    private String option(String opt) {
      switch (opt) {
        case "-a":
        case "-A":
          prepend = opt.equals("-A");
          return listAction(next());
        case "-w":
          String p = next();
          if (p == null || !p.startsWith("/")) {
            return "watch needs an absolute path";
          }
          watchPath = p;
          return null;
        case "-p":
          return permissions(next());
        case "-k":
          String k = next();
          if (k == null || k.isEmpty()) {
            return "-k needs a key";
          }
          keys.add(k);
          return null;
        case "-S":
          return syscall(next());
        case "-F":
          return field(next());
        case "-C":
          return comparison(next());
        default:
          ControlKind kind = CONTROL_OPTIONS.get(opt);
          if (kind == null) {
            return "unknown option " + opt;
          }
          if (control != null && !(control == ControlKind.DELETE_ALL)) {
            return "more than one control option on a line";
          }
          control = kind;
          if (TAKES_ARGUMENT.contains(kind)) {
            String a = next();
            if (a == null) {
              return opt + " needs a value";
            }
            controlArgument = a;
          } else if (kind == ControlKind.DELETE_RULE || kind == ControlKind.REMOVE_WATCH) {
            // the rest of the line describes the rule or watch to delete
            controlArgument =
                String.join(" ", java.util.Arrays.copyOfRange(tokens, pos, tokens.length));
            pos = tokens.length;
          }
          return null;
      }
    }

    private String next() {
      return pos < tokens.length ? tokens[pos++] : null;
    }

    private String listAction(String v) {
      if (v == null) {
        return "-a needs list,action";
      }
      String[] parts = v.split(",", -1);
      if (parts.length != 2) {
        return "invalid list,action: " + v;
      }
      for (String part : parts) {
        if (part.equals("always")) {
          action = AuditAction.ALWAYS;
        } else if (part.equals("never")) {
          action = AuditAction.NEVER;
        } else {
          Optional<AuditList> l = AuditList.parse(part);
          if (l.isEmpty()) {
            return "invalid list,action: " + v;
          }
          list = l.get();
        }
      }
      return list == null || action == null ? "invalid list,action: " + v : null;
    }

    private String permissions(String v) {
      if (v == null || v.isEmpty()) {
        return "-p needs permissions";
      }
      String norm = normalisePerms(v);
      if (norm == null) {
        return "invalid permission " + v;
      }
      perms = norm;
      return null;
    }

    private String syscall(String v) {
      if (v == null || v.isEmpty()) {
        return "-S needs a syscall";
      }
      syscallSeen = true;
      String tableName = machine.table(arch);
      for (String name : v.split(",", -1)) {
        if (name.equals("all")) {
          allSyscalls = true;
        } else if (name.matches("[0-9]{1,5}")) {
          syscalls.add(Integer.parseInt(name));
        } else {
          OptionalInt n = tableName == null ? OptionalInt.empty() : table.number(tableName, name);
          if (n.isEmpty()) {
            return "Syscall name unknown: " + name + " (" + tableName + " table)";
          }
          syscalls.add(n.getAsInt());
        }
      }
      return null;
    }

    private String field(String v) {
      if (v == null) {
        return "-F needs name<op>value";
      }
      int at = -1;
      for (int i = 0; i < v.length(); i++) {
        if ("=!<>&".indexOf(v.charAt(i)) >= 0) {
          at = i;
          break;
        }
      }
      if (at <= 0) {
        return "invalid field " + v;
      }
      String op = null;
      for (String o : OPERATORS) {
        if (v.startsWith(o, at)) {
          op = o;
          break;
        }
      }
      String name = v.substring(0, at);
      String value = op == null ? "" : v.substring(at + op.length());
      if (op == null || value.isEmpty()) {
        return "invalid field " + v;
      }
      if (name.equals("loginuid")) {
        name = "auid";
      }
      if (!KNOWN_FIELDS.contains(name)) {
        return "unknown field " + name;
      }
      switch (name) {
        case "arch":
          if (syscallSeen) {
            // libaudit EAU_ARCHMISPLACED: names were already resolved against another table
            return "arch must be before -S";
          }
          Optional<AuditArch> a = machine.parseArch(value);
          if (a.isEmpty() || !op.equals("=")) {
            return "invalid arch " + op + value;
          }
          if (machine.table(a.get()) == null) {
            return "requested bit level not supported by machine";
          }
          arch = a.get();
          return null;
        case "key":
          keys.add(value);
          return null;
        case "perm":
          String p = normalisePerms(value);
          if (p == null) {
            return "invalid permission " + value;
          }
          fields.add(new FieldCondition(name, op, p));
          return null;
        default:
          fields.add(new FieldCondition(name, op, normaliseValue(name, value)));
          return null;
      }
    }

    private String comparison(String v) {
      if (v == null) {
        return "-C needs field<op>field";
      }
      int ne = v.indexOf("!=");
      int eq = v.indexOf('=');
      String op = ne > 0 ? "!=" : "=";
      int at = ne > 0 ? ne : eq;
      if (at <= 0 || at + op.length() >= v.length()) {
        return "invalid comparison " + v;
      }
      comparisons.add(FieldComparison.of(v.substring(0, at), op, v.substring(at + op.length())));
      return null;
    }

    private AuditStatement finish() {
      boolean isRule = list != null || watchPath != null;
      if (control != null) {
        if (isRule || syscallSeen || !fields.isEmpty() || !comparisons.isEmpty()) {
          return error("control option mixed with a rule");
        }
        if (control == ControlKind.DELETE_ALL && !keys.isEmpty()) {
          controlArgument = keys.get(0);
        }
        return new ControlDirective(control, controlArgument, src);
      }
      if (watchPath != null) {
        if (list != null || syscallSeen || !comparisons.isEmpty()) {
          return error("a watch cannot be combined with -a or -S");
        }
        String path = normalisePath(watchPath);
        // a trailing '/' is how rules files mark directory watches (auditctl then checks the inode)
        String name = watchPath.length() > 1 && watchPath.endsWith("/") ? "dir" : "path";
        List<FieldCondition> f = new ArrayList<>();
        f.add(new FieldCondition(name, "=", path));
        f.add(new FieldCondition("perm", "=", perms == null ? "rwxa" : perms));
        return new AuditRule(
            AuditList.EXIT,
            AuditAction.ALWAYS,
            AuditArch.NATIVE,
            SyscallSet.ALL,
            f,
            List.of(),
            keys,
            false,
            src);
      }
      if (list == null) {
        if (syscallSeen || !fields.isEmpty() || !keys.isEmpty() || perms != null) {
          return error("rule without -a list,action");
        }
        return error("no rule or control option on the line");
      }
      if (perms != null) {
        return error("-p is only valid with -w");
      }
      if (syscallSeen && list != AuditList.EXIT && list != AuditList.IO_URING) {
        return error("syscalls can only be given for the exit list");
      }
      SyscallSet set = !syscallSeen || allSyscalls ? SyscallSet.ALL : SyscallSet.of(syscalls);
      return new AuditRule(list, action, arch, set, fields, comparisons, keys, prepend, src);
    }

    private RuleError error(String message) {
      return new RuleError(src, message);
    }
  }

  static String normalisePath(String p) {
    String s = p;
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    // /var/run is a symlink to /run on every supported distribution
    if (s.equals("/var/run") || s.startsWith("/var/run/")) {
      s = s.substring(4);
    }
    return s;
  }

  /** Permission letters in {@code rwxa} order, or null when a letter is not one of them. */
  static String normalisePerms(String p) {
    StringBuilder b = new StringBuilder();
    for (char c : "rwxa".toCharArray()) {
      if (p.indexOf(c) >= 0) {
        b.append(c);
      }
    }
    for (char c : p.toCharArray()) {
      if ("rwxa".indexOf(c) < 0) {
        return null;
      }
    }
    return b.length() == 0 ? null : b.toString();
  }

  static String normaliseValue(String name, String value) {
    if (name.equals("path") || name.equals("dir")) {
      return normalisePath(value);
    }
    if (ID_FIELDS.contains(name)) {
      if (value.equals("unset") || value.equals("-1") || value.equals("4294967295")) {
        return "unset";
      }
      if (value.equals("root")) {
        return "0";
      }
      return canonicalNumber(value);
    }
    if (name.length() == 2 && name.charAt(0) == 'a' && Character.isDigit(name.charAt(1))) {
      return canonicalNumber(value);
    }
    return value;
  }

  /**
   * Decimal and hex spellings of one number are the same value ({@code a0=0x0} is {@code a0=0}).
   */
  private static String canonicalNumber(String v) {
    try {
      if (v.startsWith("0x") || v.startsWith("0X")) {
        return Long.toString(Long.parseLong(v.substring(2), 16));
      }
      return Long.toString(Long.parseLong(v));
    } catch (NumberFormatException e) {
      return v;
    }
  }
}
