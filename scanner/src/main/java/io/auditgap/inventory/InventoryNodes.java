package io.auditgap.inventory;

import static io.auditgap.inventory.InventoryLoader.GROUP_KEYS;
import static io.auditgap.inventory.InventoryLoader.HOST_KEYS;
import static io.auditgap.inventory.InventoryLoader.TOP_KEYS;

import io.auditgap.text.TerminalText;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Validation of one inventory parse: reads YAML nodes with their shape checked (plain keys, no
 * duplicates or secrets, only allowed keys, explicit scalars) and turns every problem into an
 * {@link InventoryException} at the node's {@code file:line:column}. Holds what one parse shares:
 * the file label, the base directory for relative paths, the warnings and the value budget that
 * stops alias bombs.
 */
final class InventoryNodes {
  static final int MAX_VALUES = 1_000_000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Set<String> YAML11_BOOLEANS =
      Set.of("y", "yes", "n", "no", "on", "off", "true", "false");
  private static final List<String> SECRET_WORDS =
      List.of("password", "passwd", "passphrase", "secret", "token", "pwd", "apikey", "api_key");

  final String label;
  final Path base;
  private final Path home;
  final List<String> warnings = new ArrayList<>();
  int valuesLeft = MAX_VALUES;

  InventoryNodes(String label, Path base, Path home) {
    this.label = label;
    this.base = base;
    this.home = home;
  }

  /**
   * The keys of a mapping, checked: plain scalar keys, no merge keys, no duplicates, no secrets,
   * and (when {@code allowed} is not null) only allowed keys.
   */
  Map<String, NodeTuple> keys(MappingNode m, List<String> allowed, String where)
      throws InventoryException {
    Map<String, NodeTuple> keys = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = key(t, where);
      NodeTuple first = keys.get(key);
      if (first != null) {
        throw error(
            t.getKeyNode(),
            "duplicate key '"
                + shown(key)
                + "' "
                + where
                + " (first defined at line "
                + line(first.getKeyNode())
                + ", column "
                + column(first.getKeyNode())
                + "); remove one of them");
      }
      if (isSecretKey(key)) {
        throw error(
            t.getKeyNode(),
            "key '"
                + shown(key)
                + "': secrets are not allowed in the inventory; put the passphrase in an"
                + " environment variable and name it with identity_passphrase_env");
      }
      if (allowed != null && !allowed.contains(key)) {
        throw error(t.getKeyNode(), unknownKey(key, allowed, where));
      }
      keys.put(key, t);
    }
    return keys;
  }

  /** Host or group names: valid, unique. */
  Map<String, NodeTuple> names(MappingNode m, String kind) throws InventoryException {
    Map<String, NodeTuple> names = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String name = key(t, "in " + kind + "s");
      NodeTuple first = names.get(name);
      if (first != null) {
        throw error(
            t.getKeyNode(),
            "duplicate "
                + kind
                + " '"
                + shown(name)
                + "' (first defined at line "
                + line(first.getKeyNode())
                + ", column "
                + column(first.getKeyNode())
                + "); "
                + kind
                + " names must be unique");
      }
      if (!NAME.matcher(name).matches()) {
        throw error(
            t.getKeyNode(),
            kind
                + " name "
                + quote(name)
                + " may contain only letters, digits, '.', '_' and '-', and must start with a"
                + " letter or digit");
      }
      names.put(name, t);
    }
    return names;
  }

  private String key(NodeTuple t, String where) throws InventoryException {
    Node k = t.getKeyNode();
    if (!(k instanceof ScalarNode) || isNull(k)) {
      throw error(k, "keys must be plain names " + where + " (got " + describe(k) + ")");
    }
    if (Tag.MERGE.equals(k.getTag())) {
      throw error(k, "YAML merge keys (<<) are not supported; share settings with groups:");
    }
    return ((ScalarNode) k).getValue();
  }

  private String unknownKey(String key, List<String> allowed, String where) {
    String what =
        where.equals("at the top level")
            ? "unknown top-level key '" + shown(key) + "'"
            : "unknown key '" + shown(key) + "' " + where;
    Optional<String> suggestion = Names.suggest(key, allowed);
    if (suggestion.isPresent()) {
      return what + "; did you mean '" + suggestion.get() + "'?";
    }
    if (HOST_KEYS.contains(key) || GROUP_KEYS.contains(key) || TOP_KEYS.contains(key)) {
      return what + "; '" + key + "' belongs " + home(key) + ", not here";
    }
    return what + "; valid keys are " + String.join(", ", allowed);
  }

  private String home(String key) {
    if (TOP_KEYS.contains(key)) {
      return "at the top level";
    }
    if (HOST_KEYS.contains(key) && GROUP_KEYS.contains(key)) {
      return "in a host or a group";
    }
    return HOST_KEYS.contains(key) ? "in a host" : "in a group";
  }

  MappingNode mapping(Node n, String what) throws InventoryException {
    if (!(n instanceof MappingNode)) {
      throw error(n, what + " must be a mapping of key: value settings (got " + describe(n) + ")");
    }
    return (MappingNode) n;
  }

  List<Node> list(Node n, String key, String expected) throws InventoryException {
    if (isNull(n)) {
      return List.of();
    }
    if (!(n instanceof SequenceNode)) {
      throw error(n, key + " must be " + expected + " (got " + describe(n) + ")");
    }
    List<Node> items = ((SequenceNode) n).getValue();
    valuesLeft -= items.size();
    if (valuesLeft < 0) {
      throw error(
          n, "the inventory expands to more than " + MAX_VALUES + " values; remove aliases");
    }
    return items;
  }

  /** A non-empty text scalar. */
  String text(Node n, String key, String expected) throws InventoryException {
    if (!(n instanceof ScalarNode) || isNull(n)) {
      throw error(n, key + " must be " + expected + " (got " + describe(n) + ")");
    }
    checkNotKeyMaterial((ScalarNode) n);
    String s = ((ScalarNode) n).getValue();
    if (s.isBlank()) {
      throw error(n, key + " must not be empty; write " + expected);
    }
    return s;
  }

  String name(Node n, String key, String expected) throws InventoryException {
    String s = text(n, key, expected);
    if (!NAME.matcher(s).matches()) {
      throw error(n, key + " must be " + expected + " (got " + quote(s) + ")");
    }
    return s;
  }

  int port(Node n, String key) throws InventoryException {
    String shown =
        n instanceof ScalarNode && !isNull(n) ? quote(((ScalarNode) n).getValue()) : describe(n);
    if (n instanceof ScalarNode && DIGITS.matcher(((ScalarNode) n).getValue()).matches()) {
      String raw = ((ScalarNode) n).getValue();
      if (raw.length() <= 5 && !(raw.length() > 1 && raw.startsWith("0"))) {
        int p = Integer.parseInt(raw);
        if (p >= 1 && p <= 65535) {
          return p;
        }
      }
    }
    throw error(n, key + " must be an integer 1-65535 (got " + shown + ")");
  }

  boolean bool(Node n, String key) throws InventoryException {
    if (n instanceof ScalarNode) {
      ScalarNode s = (ScalarNode) n;
      String raw = s.getValue();
      if (s.isPlain() && raw.equals("true")) {
        return true;
      }
      if (s.isPlain() && raw.equals("false")) {
        return false;
      }
      String lower = raw.toLowerCase(Locale.ROOT);
      if (YAML11_BOOLEANS.contains(lower)) {
        boolean meant = Set.of("y", "yes", "on", "true").contains(lower);
        String why =
            s.isPlain()
                ? "YAML 1.1 reads " + raw + " as a boolean, auditgap accepts only true and false"
                : "it is quoted text";
        throw error(
            n,
            key
                + " must be true or false (got "
                + quote(raw)
                + "; "
                + why
                + "); write "
                + key
                + ": "
                + meant);
      }
    }
    String shown =
        n instanceof ScalarNode && !isNull(n) ? quote(((ScalarNode) n).getValue()) : describe(n);
    throw error(n, key + " must be true or false (got " + shown + ")");
  }

  Path path(Node n, String key) throws InventoryException {
    String raw = text(n, key, "a file path");
    Path p;
    try {
      if (raw.equals("~")) {
        p = home;
      } else if (raw.startsWith("~/")) {
        p = home.resolve(raw.substring(2));
      } else if (raw.startsWith("~")) {
        throw error(
            n,
            key + ": ~user paths are not supported (got " + quote(raw) + "); write the full path");
      } else {
        p = base.resolve(raw);
      }
    } catch (InvalidPathException e) {
      throw error(n, key + " is not a valid path (got " + quote(raw) + ")");
    }
    return p.toAbsolutePath().normalize();
  }

  void checkNotKeyMaterial(ScalarNode s) throws InventoryException {
    String v = s.getValue();
    if (v.contains("-----BEGIN") && v.contains("PRIVATE KEY")) {
      throw error(
          s,
          "secrets are not allowed in the inventory (this looks like a private key); point"
              + " identity_file at the key file instead");
    }
  }

  void warn(Node node, String message) {
    String line = location(node) + ": " + message;
    if (!warnings.contains(line)) {
      warnings.add(line);
    }
  }

  Location location(Node n) {
    return SafeYaml.location(label, n.getStartMark());
  }

  InventoryException error(Node n, String message) {
    return new InventoryException(location(n), message);
  }

  InventoryException error(Location l, String message) {
    return new InventoryException(l, message);
  }

  /**
   * A key names a secret when it ends with a secret noun ({@code password}, {@code sudo_password},
   * {@code apiToken}); keys that merely start with one ({@code password_max_days}, a password
   * policy parameter) and keys ending in {@code _env} (which name a variable) are fine.
   */
  static boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.endsWith("_env")) {
      return false;
    }
    for (String word : SECRET_WORDS) {
      if (k.endsWith(word)) {
        return true;
      }
    }
    return k.contains("private_key") || k.contains("privatekey");
  }

  static boolean isNull(Node n) {
    return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
  }

  static int line(Node n) {
    return n.getStartMark().getLine() + 1;
  }

  static int column(Node n) {
    return n.getStartMark().getColumn() + 1;
  }

  static String describe(Node n) {
    if (n instanceof MappingNode) {
      return "a mapping";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    if (isNull(n)) {
      return "nothing";
    }
    return quote(((ScalarNode) n).getValue());
  }

  /**
   * A key or name as a message shows it: the file's text, where a quoted key can hold line breaks
   * and escapes, on one line and inert.
   */
  private static String shown(String key) {
    return TerminalText.line(key, TerminalText.NAME_MAX);
  }

  static String quote(String s) {
    String one = TerminalText.line(SafeYaml.oneLine(s), TerminalText.LINE_MAX);
    if (one.length() > 60) {
      one = one.substring(0, 57) + "...";
    }
    return "\"" + one.replace("\"", "\\\"") + "\"";
  }
}
