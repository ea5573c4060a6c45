package io.auditgap.inventory;

import io.auditgap.inventory.ansible.AnsibleInventoryReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads an inventory file in any supported format: auditgap's YAML, or an Ansible inventory (INI,
 * YAML, or the JSON that {@code ansible-inventory --list} prints for any dynamic inventory).
 */
public final class InventoryReader {
  private static final Pattern INI_SECTION = Pattern.compile("^\\s*\\[[^\\]]+\\]\\s*([#;].*)?$");

  private static final Pattern ANSIBLE_GROUP_KEY =
      Pattern.compile("(?m)^[ \\t]+(hosts|children|vars):[ \\t]*(#.*)?$");

  private InventoryReader() {}

  public static Inventory read(Path file, InventoryFormat format) throws InventoryException {
    InventoryFormat f = format == InventoryFormat.AUTO ? detect(file) : format;
    return switch (f) {
      case AUDITGAP, AUTO -> new InventoryLoader().load(file);
      case ANSIBLE_INI, ANSIBLE_YAML, ANSIBLE_JSON -> AnsibleInventoryReader.read(file, f);
    };
  }

  /**
   * JSON starts with {@code {}; YAML whose top-level keys are all auditgap's is auditgap's; other
   * YAML mappings are Ansible YAML; text with {@code [section]} lines or plain host lines is INI.
   */
  public static InventoryFormat detect(Path file) throws InventoryException {
    String text;
    try {
      if (!Files.isRegularFile(file)) {
        return InventoryFormat.AUDITGAP; // the loader reports what is wrong
      }
      byte[] head = Files.readAllBytes(file);
      text = new String(head, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return InventoryFormat.AUDITGAP;
    }
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String trimmed = body.stripLeading();
    if (trimmed.startsWith("{")) {
      return InventoryFormat.ANSIBLE_JSON;
    }
    for (String line : body.split("\n", -1)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#") || l.startsWith(";") || l.equals("---")) {
        continue;
      }
      if (INI_SECTION.matcher(line).matches()) {
        return InventoryFormat.ANSIBLE_INI;
      }
      break;
    }
    List<String> keys = topLevelKeys(body);
    if (keys == null) {
      return InventoryFormat.ANSIBLE_INI;
    }
    // Any auditgap key at the top, or no Ansible group structure below it, means auditgap's
    // format (so a typo such as 'hots:' gets the loader's did-you-mean message).
    if (keys.isEmpty()
        || keys.stream().anyMatch(InventoryLoader.TOP_KEYS::contains)
        || !ANSIBLE_GROUP_KEY.matcher(body).find()) {
      return InventoryFormat.AUDITGAP;
    }
    return InventoryFormat.ANSIBLE_YAML;
  }

  /** Keys of a top-level YAML mapping (unindented {@code key:} lines), or null if it is not one. */
  private static List<String> topLevelKeys(String body) {
    List<String> keys = new java.util.ArrayList<>();
    for (String line : body.split("\n", -1)) {
      if (line.isBlank()
          || line.startsWith("#")
          || line.startsWith("---")
          || line.startsWith(" ")
          || line.startsWith("\t")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0
          || (colon + 1 < line.length() && !Character.isWhitespace(line.charAt(colon + 1)))) {
        return null;
      }
      keys.add(line.substring(0, colon).strip().replace("\"", "").replace("'", ""));
    }
    return keys;
  }
}
