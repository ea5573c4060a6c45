package io.auditgap.inventory.ansible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.inventory.InventoryException;
import io.auditgap.inventory.InventoryFormat;
import io.auditgap.inventory.InventoryLoader;
import io.auditgap.inventory.SafeYaml;
import io.auditgap.inventory.SshSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads an Ansible inventory (INI, YAML, or {@code ansible-inventory --list} JSON) with {@code
 * group_vars/} and {@code host_vars/} beside it, merges variables in Ansible's precedence order,
 * and maps them to auditgap hosts: {@code ansible_host/port/user/ssh_private_key_file}, a ProxyJump
 * in {@code ansible_ssh_common_args}, {@code ansible_become} → sudo, and {@code auditgap_*}
 * variables → auditgap keys. Groups become auditgap groups.
 */
public final class AnsibleInventoryReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> VAR_EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

  /** auditgap keys an {@code auditgap_<key>} variable may set. */
  private static final List<String> AUDITGAP_KEYS =
      List.of(
          "address",
          "port",
          "user",
          "identity_file",
          "identity_passphrase_env",
          "known_hosts",
          "sudo",
          "params",
          "tags",
          "exposure",
          "public_address",
          "probe_ports",
          "vantage",
          "must_reach",
          "must_not_reach",
          "jump");

  private AnsibleInventoryReader() {}

  public static Inventory read(Path file, InventoryFormat format) throws InventoryException {
    String label = file.toString();
    String text;
    try {
      if (Files.size(file) > InventoryLoader.MAX_BYTES) {
        throw new InventoryException(null, label + ": larger than 4 MiB");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InventoryException(null, label + ": cannot read: " + e.getMessage());
    }
    AnsibleInventory inv = new AnsibleInventory();
    switch (format) {
      case ANSIBLE_INI -> AnsibleIniParser.parse(text, label, inv);
      case ANSIBLE_YAML -> AnsibleYamlParser.parseYaml(SafeYaml.compose(text, label), label, inv);
      default -> AnsibleYamlParser.parseJson(SafeYaml.compose(text, label), label, inv);
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    if (format != InventoryFormat.ANSIBLE_JSON) {
      // ansible-inventory --list already merged these into its output.
      loadVarsDirs(dir, inv);
    }
    return toInventory(inv, label);
  }

  // ------------------------------------------------------------------ group_vars / host_vars

  private static void loadVarsDirs(Path dir, AnsibleInventory inv) throws InventoryException {
    for (AnsibleInventory.Group g : inv.groups.values()) {
      g.fileVars.putAll(varsFiles(dir.resolve("group_vars"), g.name));
    }
    for (String h : inv.hosts.keySet()) {
      inv.hostFileVars.put(h, varsFiles(dir.resolve("host_vars"), h));
    }
  }

  private static Map<String, AnsibleVar> varsFiles(Path base, String name)
      throws InventoryException {
    Map<String, AnsibleVar> out = new LinkedHashMap<>();
    if (!Files.isDirectory(base)) {
      return out;
    }
    for (String ext : VAR_EXTENSIONS) {
      Path p = base.resolve(name + ext);
      if (Files.isDirectory(p)) {
        try (Stream<Path> all = Files.walk(p)) {
          for (Path f :
              all.filter(Files::isRegularFile)
                  .filter(f -> !f.getFileName().toString().startsWith("."))
                  .filter(
                      f ->
                          VAR_EXTENSIONS.stream()
                                  .anyMatch(x -> !x.isEmpty() && f.toString().endsWith(x))
                              || !f.getFileName().toString().contains("."))
                  .sorted()
                  .toList()) {
            out.putAll(varsFile(f));
          }
        } catch (IOException e) {
          throw new InventoryException(null, p + ": cannot read: " + e.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        out.putAll(varsFile(p));
      }
    }
    return out;
  }

  private static Map<String, AnsibleVar> varsFile(Path f) throws InventoryException {
    try {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      return AnsibleYamlParser.vars(SafeYaml.compose(text, f.toString()), f.toString());
    } catch (IOException e) {
      throw new InventoryException(null, f + ": cannot read: " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------ resolution

  /** Each host's groups (direct and inherited, with all), in Ansible's order. */
  static Map<String, List<String>> hostGroups(AnsibleInventory inv) {
    Map<String, Set<String>> parents = new HashMap<>();
    for (AnsibleInventory.Group g : inv.groups.values()) {
      for (String c : g.children) {
        parents.computeIfAbsent(c, x -> new LinkedHashSet<>()).add(g.name);
      }
    }
    Map<String, Integer> depth = new HashMap<>();
    for (String g : inv.groups.keySet()) {
      depth(g, parents, depth, new HashSet<>());
    }
    // A host in any real group leaves "ungrouped", as Ansible's reconcile step does.
    AnsibleInventory.Group ungrouped = inv.groups.get("ungrouped");
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String h : inv.hosts.keySet()) {
      Set<String> groups = new LinkedHashSet<>();
      for (AnsibleInventory.Group g : inv.groups.values()) {
        if (g.hosts.contains(h)) {
          ancestors(g.name, parents, groups);
        }
      }
      boolean elsewhere = groups.stream().anyMatch(g -> !g.equals("all") && !g.equals("ungrouped"));
      if (elsewhere) {
        groups.remove("ungrouped");
        ungrouped.hosts.remove(h);
      } else if (!groups.contains("ungrouped")) {
        groups.add("ungrouped");
        ungrouped.hosts.add(h);
      }
      groups.add("all");
      List<String> sorted = new ArrayList<>(groups);
      sorted.sort(
          Comparator.comparingInt((String g) -> depth.getOrDefault(g, 0))
              .thenComparingLong(g -> priority(inv.groups.get(g)))
              .thenComparing(g -> g));
      out.put(h, sorted);
    }
    return out;
  }

  private static int depth(
      String g, Map<String, Set<String>> parents, Map<String, Integer> memo, Set<String> path) {
    if (memo.containsKey(g)) {
      return memo.get(g);
    }
    if (g.equals("all") || !path.add(g)) {
      return 0;
    }
    int d = 0;
    for (String p : parents.getOrDefault(g, Set.of())) {
      d = Math.max(d, depth(p, parents, memo, path) + 1);
    }
    path.remove(g);
    memo.put(g, d);
    return d;
  }

  private static void ancestors(String g, Map<String, Set<String>> parents, Set<String> out) {
    if (!out.add(g)) {
      return;
    }
    for (String p : parents.getOrDefault(g, Set.of())) {
      ancestors(p, parents, out);
    }
  }

  private static long priority(AnsibleInventory.Group g) {
    AnsibleVar v = g == null ? null : g.vars.get("ansible_group_priority");
    if (v == null || v.value() == null) {
      return 1;
    }
    try {
      return Long.parseLong(String.valueOf(v.value()).strip());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /**
   * A host's variables in Ansible's precedence: inventory group vars (all first, then by depth,
   * priority, name), group_vars/all, group_vars/&lt;group&gt;, inventory host vars,
   * host_vars/&lt;host&gt;; a later value replaces an earlier one.
   */
  static Map<String, AnsibleVar> effectiveVars(
      AnsibleInventory inv, String host, List<String> groups) {
    Map<String, AnsibleVar> vars = new LinkedHashMap<>();
    for (String g : groups) {
      vars.putAll(inv.groups.get(g).vars);
    }
    vars.putAll(inv.groups.get("all").fileVars);
    for (String g : groups) {
      if (!g.equals("all")) {
        vars.putAll(inv.groups.get(g).fileVars);
      }
    }
    vars.putAll(inv.hosts.get(host));
    vars.putAll(inv.hostFileVars.getOrDefault(host, Map.of()));
    return vars;
  }

  // ------------------------------------------------------------------ mapping

  private static Inventory toInventory(AnsibleInventory inv, String label)
      throws InventoryException {
    Map<String, List<String>> hostGroups = hostGroups(inv);
    Generated gen = new Generated();
    gen.line("groups:", null);
    Set<String> used = new TreeSet<>();
    for (List<String> gs : hostGroups.values()) {
      for (String g : gs) {
        if (!g.equals("all")) {
          used.add(g);
        }
      }
    }
    for (String g : used) {
      gen.line("  " + json(g) + ": {}", null);
    }
    gen.line("hosts:", null);
    Map<String, Map<String, String>> sources = new LinkedHashMap<>();
    Map<String, String> jumps = new HashMap<>();
    Set<String> local = new HashSet<>();
    List<String> warnings = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : hostGroups.entrySet()) {
      String host = e.getKey();
      Map<String, AnsibleVar> vars = effectiveVars(inv, host, e.getValue());
      Map<String, AnsibleVar> keys = map(host, vars, warnings);
      AnsibleVar connection = vars.get("ansible_connection");
      String conn = connection == null ? "ssh" : String.valueOf(connection.value());
      if (conn.equals("local")) {
        local.add(host);
      } else if (!List.of("ssh", "smart", "paramiko", "paramiko_ssh").contains(conn)) {
        warnings.add(
            connection.where()
                + ": host "
                + host
                + " uses ansible_connection="
                + conn
                + "; auditgap reaches hosts over SSH only, so it is left out");
        continue;
      }
      gen.line("  " + json(host) + ":", inv.declaredAt.get(host));
      List<String> groups = new ArrayList<>();
      for (String g : e.getValue()) {
        if (!g.equals("all")) {
          groups.add(g);
        }
      }
      gen.line("    groups: " + json(groups), inv.declaredAt.get(host));
      Map<String, String> src = new LinkedHashMap<>();
      src.put("address", inv.declaredAt.get(host));
      for (Map.Entry<String, AnsibleVar> k : keys.entrySet()) {
        if (k.getKey().equals("jump")) {
          jumps.put(host, String.valueOf(k.getValue().value()));
        } else if (k.getValue().value() != null) {
          gen.line("    " + k.getKey() + ": " + json(k.getValue().value()), k.getValue().where());
        }
        src.put(k.getKey(), k.getValue().where());
      }
      sources.put(host, src);
    }
    Inventory parsed;
    try {
      parsed = new InventoryLoader().parse(gen.text(), label, Path.of("").toAbsolutePath());
    } catch (InventoryException ex) {
      throw gen.translate(ex, label);
    }
    List<HostSpec> hosts = new ArrayList<>();
    for (HostSpec h : parsed.hosts()) {
      Map<String, String> src = sources.getOrDefault(h.name(), Map.of());
      if (local.contains(h.name())) {
        // ansible_connection=local: the machine auditgap runs on, kept in its groups
        hosts.add(h.withConnection(null, 0, null, null, null, null, SshSettings.NONE));
        continue;
      }
      SshSettings ssh = SshSettings.NONE.withSources(src);
      hosts.add(
          h.withConnection(
              h.address(),
              h.port(),
              h.user(),
              h.identityFile(),
              h.knownHosts(),
              jumps.getOrDefault(h.name(), h.jump()),
              ssh));
    }
    List<String> allWarnings = new ArrayList<>(warnings);
    allWarnings.addAll(parsed.warnings());
    return new Inventory(label, hosts, parsed.branding(), allWarnings);
  }

  /** The auditgap keys one host's Ansible variables set, each with where it was set. */
  private static Map<String, AnsibleVar> map(
      String host, Map<String, AnsibleVar> vars, List<String> warnings) throws InventoryException {
    Map<String, AnsibleVar> out = new LinkedHashMap<>();
    first(vars, out, "address", "ansible_host", "ansible_ssh_host");
    first(vars, out, "port", "ansible_port", "ansible_ssh_port");
    first(vars, out, "user", "ansible_user", "ansible_ssh_user", "ansible_ssh_user");
    first(vars, out, "identity_file", "ansible_ssh_private_key_file", "ansible_private_key_file");
    if (out.containsKey("port")) {
      AnsibleVar p = out.get("port");
      try {
        out.put(
            "port", new AnsibleVar(Long.parseLong(String.valueOf(p.value()).strip()), p.where()));
      } catch (NumberFormatException e) {
        throw new InventoryException(
            null, p.where() + ": ansible_port of " + host + " is not a number (" + p.value() + ")");
      }
    }
    if (out.containsKey("identity_file")) {
      AnsibleVar f = out.get("identity_file");
      String path = String.valueOf(f.value());
      if (path.startsWith("~/")) {
        path = System.getProperty("user.home") + path.substring(1);
      }
      out.put(
          "identity_file", new AnsibleVar(Path.of(path).toAbsolutePath().toString(), f.where()));
    }
    AnsibleVar become = vars.get("ansible_become");
    if (become != null) {
      AnsibleVar method = vars.get("ansible_become_method");
      String m = method == null ? "sudo" : String.valueOf(method.value());
      boolean on = truthy(become.value());
      if (on && !m.equals("sudo")) {
        warnings.add(
            method.where()
                + ": host "
                + host
                + " becomes root with "
                + m
                + "; auditgap only uses sudo, so it collects without privileges");
        on = false;
      }
      out.put("sudo", new AnsibleVar(on, become.where()));
    }
    for (String argsVar : List.of("ansible_ssh_common_args", "ansible_ssh_extra_args")) {
      AnsibleVar a = vars.get(argsVar);
      if (a != null && a.value() != null) {
        String jump = SshArgs.jump(String.valueOf(a.value()), a.where());
        if (jump != null) {
          out.put("jump", new AnsibleVar(jump, a.where()));
        }
      }
    }
    for (Map.Entry<String, AnsibleVar> v : vars.entrySet()) {
      if (!v.getKey().startsWith("auditgap_")) {
        continue;
      }
      String key = v.getKey().substring("auditgap_".length());
      if (!AUDITGAP_KEYS.contains(key)) {
        throw new InventoryException(
            null,
            v.getValue().where()
                + ": unknown variable "
                + v.getKey()
                + "; auditgap_ variables set auditgap keys: auditgap_"
                + String.join(", auditgap_", AUDITGAP_KEYS));
      }
      Object value = v.getValue().value();
      if (List.of("sudo", "vantage").contains(key)) {
        value = truthy(value);
      }
      out.put(key, new AnsibleVar(value, v.getValue().where()));
    }
    for (Map.Entry<String, AnsibleVar> k : out.entrySet()) {
      Object val = k.getValue().value();
      if (val instanceof String s && s.contains("{{")) {
        throw new InventoryException(
            null,
            k.getValue().where()
                + ": "
                + k.getKey()
                + " of host "
                + host
                + " is a Jinja2 template ("
                + s
                + "); auditgap does not evaluate templates: set a plain value");
      }
    }
    return out;
  }

  private static void first(
      Map<String, AnsibleVar> vars, Map<String, AnsibleVar> out, String key, String... names) {
    for (String n : names) {
      AnsibleVar v = vars.get(n);
      if (v != null && v.value() != null) {
        out.put(key, v);
        return;
      }
    }
  }

  /** Ansible's boolean(): yes/on/true/1/y (any case) and true values. */
  static boolean truthy(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() == 1;
    }
    return v != null
        && List.of("yes", "on", "1", "true", "y", "t")
            .contains(String.valueOf(v).strip().toLowerCase(Locale.ROOT));
  }

  private static String json(Object v) throws InventoryException {
    try {
      return JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new InventoryException(null, "cannot convert value " + v + ": " + e.getMessage());
    }
  }

  /** The auditgap YAML built from the Ansible inventory, and where each line came from. */
  private static final class Generated {
    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, String> origin = new HashMap<>();
    private int lines;

    void line(String s, String where) {
      text.append(s).append('\n');
      lines++;
      if (where != null) {
        origin.put(lines, where);
      }
    }

    String text() {
      return text.toString();
    }

    /** Points an error in the generated YAML back at the Ansible file and line. */
    InventoryException translate(InventoryException e, String label) {
      if (e.location() == null) {
        return e;
      }
      String where = origin.getOrDefault(e.location().line(), label);
      String msg = e.getMessage();
      String prefix = e.location().toString() + ": ";
      if (msg.startsWith(prefix)) {
        msg = msg.substring(prefix.length());
      }
      return new InventoryException(null, where + ": " + msg);
    }
  }
}
