package io.auditgap.inventory.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.inventory.InventoryFormat;
import io.auditgap.inventory.InventoryReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reads each Ansible inventory fixture (layouts of public projects, see the fixtures' README) with
 * auditgap and with Debian's {@code ansible-inventory --list}, and requires the same hosts, the
 * same group membership and the same connection values. The JSON that ansible-inventory printed is
 * then read by auditgap too ({@code --inventory-format ansible-json}) and must give the same.
 */
class AnsibleInventoryDifferentialTest {
  private static final Path ANSIBLE_INVENTORY = Path.of("/usr/bin/ansible-inventory");
  private static final Path FIXTURES = Path.of("src/test/resources/inventory/ansible");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({
    "kubespray/inventory.ini, ANSIBLE_INI",
    "docs-ini/hosts, ANSIBLE_INI",
    "docs-yaml/hosts.yml, ANSIBLE_YAML",
    "lamp/hosts, ANSIBLE_INI"
  })
  void sameHostsGroupsAndConnectionValuesAsAnsibleInventory(String file, InventoryFormat format)
      throws Exception {
    assumeTrue(
        Files.isExecutable(ANSIBLE_INVENTORY),
        "ansible-core not installed (scanner/src/test/reach-packages.txt)");
    Path inventory = FIXTURES.resolve(file);
    assertEquals(format, InventoryReader.detect(inventory), "format detection");
    String listed = ansibleInventoryList(inventory);
    JsonNode ansible = JSON.readTree(listed);
    Inventory ours = InventoryReader.read(inventory, InventoryFormat.AUTO);
    compare(ansible, ours, file);

    Path json = tmp.resolve("list.json");
    Files.writeString(json, listed);
    assertEquals(InventoryFormat.ANSIBLE_JSON, InventoryReader.detect(json));
    compare(ansible, InventoryReader.read(json, InventoryFormat.AUTO), file + " (as JSON)");
  }

  private static void compare(JsonNode ansible, Inventory ours, String label) {
    JsonNode hostvars = ansible.path("_meta").path("hostvars");
    Set<String> ansibleHosts = new TreeSet<>();
    Map<String, Set<String>> ansibleGroups = new TreeMap<>();
    for (Iterator<String> it = ansible.fieldNames(); it.hasNext(); ) {
      String g = it.next();
      if (!g.equals("_meta")) {
        Set<String> members = new TreeSet<>();
        collect(ansible, g, members, new TreeSet<>());
        ansibleGroups.put(g, members);
        ansibleHosts.addAll(members);
      }
    }
    Set<String> ourHosts = new TreeSet<>();
    for (HostSpec h : ours.hosts()) {
      ourHosts.add(h.name());
    }
    assertEquals(ansibleHosts, ourHosts, label + ": host list");
    assertTrue(ourHosts.size() >= 2, label + ": too few hosts to mean anything");
    for (Map.Entry<String, Set<String>> g : ansibleGroups.entrySet()) {
      if (g.getKey().equals("all")) {
        continue;
      }
      Set<String> ourMembers = new TreeSet<>();
      for (HostSpec h : ours.select(g.getKey())) {
        ourMembers.add(h.name());
      }
      assertEquals(g.getValue(), ourMembers, label + ": members of group " + g.getKey());
    }
    List<String> differences = new ArrayList<>();
    String me = System.getProperty("user.name");
    for (HostSpec h : ours.hosts()) {
      JsonNode v = hostvars.path(h.name());
      if ("local".equals(v.path("ansible_connection").asText(null))) {
        check(differences, h, "local", true, h.isLocal());
        continue;
      }
      check(differences, h, "address", v.path("ansible_host").asText(h.name()), h.address());
      check(differences, h, "port", v.path("ansible_port").asInt(22), h.port());
      check(differences, h, "user", v.path("ansible_user").asText(me), h.user());
      String key = v.path("ansible_ssh_private_key_file").asText(null);
      check(
          differences,
          h,
          "identity_file",
          key == null ? null : Path.of(key.replace("~", System.getProperty("user.home"))),
          h.identityFile());
      boolean become =
          v.path("auditgap_sudo").isMissingNode()
              ? AnsibleInventoryReader.truthy(scalar(v.path("ansible_become")))
              : AnsibleInventoryReader.truthy(scalar(v.path("auditgap_sudo")));
      check(differences, h, "sudo", become, h.sudo());
      check(differences, h, "exposure", v.path("auditgap_exposure").asText(null), h.exposure());
      String args = v.path("ansible_ssh_common_args").asText(null);
      String expectedJump = null;
      if (args != null && args.contains("ProxyJump=")) {
        expectedJump = args.substring(args.indexOf("ProxyJump=") + "ProxyJump=".length()).strip();
      } else if (args != null && args.contains("-W %h:%p -q ")) {
        expectedJump = args.substring(args.indexOf("-q ") + 3).replace("\"", "").strip();
      }
      check(differences, h, "jump", expectedJump, h.jump());
    }
    assertEquals(List.of(), differences, label + ":\n" + String.join("\n", differences));
    assertFalse(ours.hosts().isEmpty());
  }

  private static Object scalar(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    return n.isBoolean() ? (Object) n.asBoolean() : n.asText();
  }

  private static void check(
      List<String> out, HostSpec h, String what, Object ansible, Object ours) {
    if (!String.valueOf(ansible).equals(String.valueOf(ours))) {
      out.add(h.name() + " " + what + ": ansible-inventory=" + ansible + " auditgap=" + ours);
    }
  }

  private static void collect(JsonNode root, String group, Set<String> out, Set<String> seen) {
    if (!seen.add(group)) {
      return;
    }
    JsonNode g = root.path(group);
    for (JsonNode h : g.path("hosts")) {
      out.add(h.asText());
    }
    for (JsonNode c : g.path("children")) {
      collect(root, c.asText(), out, seen);
    }
  }

  private static String ansibleInventoryList(Path inventory) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(ANSIBLE_INVENTORY.toString(), "-i", inventory.toString(), "--list")
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("ANSIBLE_INVENTORY_UNPARSED_FAILED", "true");
    pb.environment().put("ANSIBLE_LOCAL_TEMP", Files.createTempDirectory("ansible").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ansible-inventory did not finish");
    assertEquals(0, p.exitValue(), "ansible-inventory failed on " + inventory + ": " + out);
    return out;
  }
}
