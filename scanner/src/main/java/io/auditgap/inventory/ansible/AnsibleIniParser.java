package io.auditgap.inventory.ansible;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.auditgap.inventory.InventoryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's INI inventory, as {@code ansible.plugins.inventory.ini} reads it: host lines ({@code
 * host[:port] key=value ...}, shell-quoted, ranges allowed) before any section or in {@code
 * [group]}, {@code [group:vars]} with {@code key=value}, {@code [group:children]} with group names;
 * {@code #} and {@code ;} start comments. Values are read as Python literals where they are one
 * ({@code 22}, {@code True}, {@code [1, 2]}), else as text.
 */
final class AnsibleIniParser {
  private static final Pattern SECTION =
      Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?\\]\\s*(?:[#;].*)?$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private AnsibleIniParser() {}

  static void parse(String text, String label, AnsibleInventory inv) throws InventoryException {
    String group = "ungrouped";
    String state = "hosts";
    // Groups named by [x:children] or [x:vars] must be declared by a section of their own.
    java.util.Set<String> declared = new java.util.HashSet<>(List.of("all", "ungrouped"));
    Map<String, String> pending = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String where = label + ":" + (i + 1);
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[")) {
        Matcher m = SECTION.matcher(line);
        if (!m.matches()) {
          throw new InventoryException(null, where + ": invalid section header '" + line + "'");
        }
        group = m.group(1);
        state = m.group(2) == null ? "hosts" : m.group(2);
        if (state.equals("hosts") || state.equals("children")) {
          declared.add(group);
        } else {
          pending.putIfAbsent(group, where + ": section [" + group + ":vars] is for a group");
        }
        if (!List.of("hosts", "vars", "children").contains(state)) {
          throw new InventoryException(
              null, where + ": section suffix must be :vars or :children (got :" + state + ")");
        }
        inv.group(group);
        continue;
      }
      switch (state) {
        case "vars" -> {
          int eq = line.indexOf('=');
          if (eq <= 0) {
            throw new InventoryException(
                null, where + ": expected key=value in [" + group + ":vars] (got '" + line + "')");
          }
          String k = line.substring(0, eq).strip();
          inv.group(group)
              .vars
              .put(k, new AnsibleVar(literal(line.substring(eq + 1).strip()), where));
        }
        case "children" -> {
          String child = shlex(line, where).get(0);
          pending.putIfAbsent(child, where + ": section [" + group + ":children] includes a group");
          inv.addChild(group, child);
        }
        default -> host(line, where, group, inv);
      }
    }
    for (Map.Entry<String, String> p : pending.entrySet()) {
      if (!declared.contains(p.getKey())) {
        throw new InventoryException(
            null,
            p.getValue()
                + " that is never defined: "
                + p.getKey()
                + " (add a ["
                + p.getKey()
                + "] section, as Ansible requires)");
      }
    }
  }

  private static void host(String line, String where, String group, AnsibleInventory inv)
      throws InventoryException {
    List<String> tokens = shlex(line, where);
    if (tokens.isEmpty()) {
      return;
    }
    Map<String, AnsibleVar> vars = new LinkedHashMap<>();
    for (String t : tokens.subList(1, tokens.size())) {
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new InventoryException(
            null, where + ": expected key=value after the host name (got '" + t + "')");
      }
      vars.put(t.substring(0, eq), new AnsibleVar(literal(t.substring(eq + 1)), where));
    }
    for (HostPort hp : HostPort.expand(tokens.get(0), where)) {
      Map<String, AnsibleVar> v = new LinkedHashMap<>(vars);
      if (hp.port() != null) {
        v.put("ansible_port", new AnsibleVar(Long.valueOf(hp.port()), where));
      }
      inv.addHost(group, hp.host(), v, where);
    }
  }

  /** Python's ast.literal_eval for the literals inventories use; anything else stays text. */
  static Object literal(String v) {
    String s = v.strip();
    if (s.matches("[-+]?[0-9]+")) {
      try {
        return Long.valueOf(s);
      } catch (NumberFormatException e) {
        return v;
      }
    }
    if (s.matches("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
      return Double.valueOf(s);
    }
    switch (s) {
      case "True" -> {
        return Boolean.TRUE;
      }
      case "False" -> {
        return Boolean.FALSE;
      }
      case "None" -> {
        return null;
      }
      default -> {
        // fall through to quoted strings and containers
      }
    }
    if (s.length() >= 2
        && ((s.startsWith("'") && s.endsWith("'")) || (s.startsWith("\"") && s.endsWith("\"")))) {
      return s.substring(1, s.length() - 1);
    }
    if ((s.startsWith("[") && s.endsWith("]")) || (s.startsWith("{") && s.endsWith("}"))) {
      try {
        return JSON.readValue(
            s.replace('\'', '"').replace("True", "true").replace("False", "false"), Object.class);
      } catch (Exception e) {
        return v;
      }
    }
    return v;
  }

  /** POSIX shell-like split (quotes, backslash), {@code #} at a word start ends the line. */
  static List<String> shlex(String line, String where) throws InventoryException {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          cur.append(line.charAt(++i));
        } else {
          cur.append(c);
        }
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else if (c == '#' && !inWord) {
        break;
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
        inWord = true;
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new InventoryException(null, where + ": unbalanced quote in '" + line + "'");
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return out;
  }
}
