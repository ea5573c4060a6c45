package io.auditgap.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {
  static final Path GOOD = Path.of("src/test/resources/inventory/good");
  static final Path HOME = Path.of("/home/tester");

  final InventoryLoader loader = new InventoryLoader("tester", HOME);

  @TempDir Path tmp;

  private HostSpec host(Inventory inv, String name) {
    return inv.host(name).orElseThrow(() -> new AssertionError("no host " + name));
  }

  private InventoryException fails(String yaml) {
    return assertThrows(InventoryException.class, () -> loader.parse(yaml, "inv.yaml"));
  }

  // --- good inventories ------------------------------------------------------------------------

  @Test
  void minimalFormLoads() throws Exception {
    Path file = GOOD.resolve("minimal.yaml");
    Inventory inv = loader.load(file);
    assertEquals(file.toString(), inv.source());
    assertEquals(1, inv.hosts().size());
    HostSpec h = inv.hosts().get(0);
    assertEquals("web-1", h.name());
    assertEquals("127.0.0.2", h.address());
    assertEquals(22, h.port());
    assertEquals("auditor", h.user());
    assertEquals(Path.of("/path/to/id_ed25519"), h.identityFile());
    assertEquals(Path.of("/path/to/known_hosts"), h.knownHosts());
    assertFalse(h.sudo());
    assertNull(h.jump());
    assertNull(h.passphraseEnv());
    assertFalse(h.isLocal());
    assertEquals(new Location(file.toString(), 7, 3), h.location());
    // the key files do not exist here: warnings, not errors
    assertEquals(
        List.of(
            file
                + ":3:18: identity_file /path/to/id_ed25519 does not exist; hosts using it cannot"
                + " log in until it does",
            file
                + ":4:16: known_hosts /path/to/known_hosts does not exist; host keys cannot be"
                + " verified until it does"),
        inv.warnings());
  }

  @Test
  void existingKeyFilesGiveNoWarnings() throws Exception {
    Files.writeString(tmp.resolve("id"), "key");
    Files.writeString(tmp.resolve("kh"), "");
    Inventory inv =
        loader.parse(
            "defaults: {identity_file: id, known_hosts: kh}\nhosts: {a: {}}\n",
            tmp.resolve("inv.yaml").toString());
    assertEquals(tmp.resolve("id"), host(inv, "a").identityFile());
    assertEquals(List.of(), inv.warnings());
  }

  @Test
  void inheritanceFollowsGroupOrderParentsFirstThenHost() throws Exception {
    Inventory inv = loader.load(GOOD.resolve("inheritance.yaml"));
    assertEquals(
        List.of("web-1", "web-2", "own", "plain"),
        inv.hosts().stream().map(HostSpec::name).toList());

    HostSpec web1 = host(inv, "web-1"); // groups: [web, monitored]
    assertEquals(List.of("base", "linux", "web", "monitored"), web1.groups());
    assertEquals("mon-user", web1.user()); // monitored comes last
    assertEquals(2222, web1.port());
    assertTrue(web1.sudo());
    assertEquals(List.of("all", "base", "linux", "dmz", "monitored", "prod"), web1.tags());
    assertEquals(
        Map.of("retention_days", 90L, "tty_audit_users", List.of("bob", "carol")), web1.params());

    HostSpec web2 = host(inv, "web-2"); // groups: [monitored, web]
    assertEquals(List.of("base", "monitored", "linux", "web"), web2.groups());
    assertEquals("linux-user", web2.user()); // linux comes after monitored
    assertEquals(2222, web2.port());

    HostSpec own = host(inv, "own"); // the host's own keys win
    assertEquals("own-user", own.user());
    assertEquals(2022, own.port());
    assertFalse(own.sudo());
    assertEquals(
        Map.of("retention_days", 30L, "uid_min", 500L, "tty_audit_users", List.of("alice")),
        own.params());

    HostSpec plain = host(inv, "plain");
    assertEquals("plain", plain.address());
    assertEquals("auditor", plain.user());
    assertEquals(2200, plain.port());
    assertEquals(List.of(), plain.groups());
    assertEquals(List.of("all"), plain.tags());
    assertEquals(
        Map.of("retention_days", 365L, "uid_min", 1000L, "tty_audit_users", List.of("alice")),
        plain.params());
  }

  @Test
  void builtInDefaults() throws Exception {
    Inventory inv = loader.parse("hosts:\n  srv.example.com:\n", "inv.yaml");
    HostSpec h = host(inv, "srv.example.com");
    assertEquals("srv.example.com", h.address());
    assertEquals(22, h.port());
    assertEquals("tester", h.user());
    assertNull(h.identityFile());
    assertNull(h.knownHosts());
    assertFalse(h.sudo());
    assertFalse(h.vantage());
    assertNull(h.exposure());
    assertEquals(List.of(), h.probePorts());
    assertEquals(Branding.NONE, inv.branding());
  }

  @Test
  void defaultUserIsTheCurrentUser() throws Exception {
    Inventory inv = new InventoryLoader().parse("hosts: {a: {}}", "inv.yaml");
    assertEquals(System.getProperty("user.name"), host(inv, "a").user());
  }

  @Test
  void jumpsMayBeInheritedAndResetWithNull() throws Exception {
    Inventory inv = loader.load(GOOD.resolve("jumps.yaml"));
    assertEquals("bastion", host(inv, "db-1").jump());
    assertNull(host(inv, "bastion").jump());
    assertEquals("db-1", host(inv, "app").jump());
  }

  @Test
  void emptyOrAbsentGroupsSectionIsAccepted() throws Exception {
    Inventory inv = loader.load(GOOD.resolve("empty-groups.yaml"));
    assertEquals(List.of("a", "b"), inv.hosts().stream().map(HostSpec::name).toList());
    assertEquals("b.example.com", host(inv, "b").address());
  }

  @Test
  void exampleFileAtTheRepositoryRootLoads() throws Exception {
    Path example = Path.of("..", "inventory.example.yaml");
    Inventory inv = loader.load(example);
    assertEquals(
        List.of("web-1", "db-1", "bastion", "backup.example.internal"),
        inv.hosts().stream().map(HostSpec::name).toList());
    HostSpec web = host(inv, "web-1");
    assertEquals("ops", web.user());
    assertEquals(2222, web.port());
    assertTrue(web.sudo());
    assertEquals(List.of("linux", "web"), web.groups());
    assertEquals(List.of("dmz", "prod"), web.tags());
    assertEquals("public", web.exposure());
    assertEquals("198.51.100.7", web.publicAddress());
    assertEquals(List.of(22, 443), web.probePorts());
    assertEquals(HOME.resolve(".ssh/id_ed25519"), web.identityFile());
    assertEquals("AUDITGAP_KEY_PASSPHRASE", web.passphraseEnv());
    assertEquals("bastion", host(inv, "db-1").jump());
    assertEquals(730L, host(inv, "db-1").params().get("retention_days"));
    assertTrue(host(inv, "bastion").vantage());
    assertEquals("Example Ltd", inv.branding().organisation());
    assertEquals(
        Path.of("..").toAbsolutePath().normalize().resolve("logo.png"), inv.branding().logo());
  }

  @Test
  void docsShowTheMinimalFormAndEveryKey() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "inventory.md"));
    for (String key : InventoryLoader.HOST_KEYS) {
      assertTrue(doc.contains("`" + key + "`"), "docs/inventory.md does not document " + key);
    }
    for (String key : InventoryLoader.GROUP_KEYS) {
      assertTrue(doc.contains("`" + key + "`"), "docs/inventory.md does not document " + key);
    }
    for (String key : InventoryLoader.BRANDING_KEYS) {
      assertTrue(doc.contains("`" + key + "`"), "docs/inventory.md does not document " + key);
    }
  }

  // --- values ----------------------------------------------------------------------------------

  @Test
  void pathsExpandTildeAndResolveAgainstTheInventoryDirectory() throws Exception {
    Path dir = tmp.resolve("conf");
    Inventory inv =
        loader.parse(
            "defaults: {identity_file: keys/id, known_hosts: ~/.ssh/kh}\n"
                + "hosts:\n  a: {}\n  b: {identity_file: /abs/../abs/id, known_hosts: \"~\"}\n",
            dir.resolve("inv.yaml").toString());
    assertEquals(dir.resolve("keys/id"), host(inv, "a").identityFile());
    assertEquals(HOME.resolve(".ssh/kh"), host(inv, "a").knownHosts());
    assertEquals(Path.of("/abs/id"), host(inv, "b").identityFile());
    assertEquals(HOME, host(inv, "b").knownHosts());
    // an unquoted lone ~ is YAML null: it unsets the inherited value
    Inventory reset =
        loader.parse("defaults: {known_hosts: kh}\nhosts: {c: {known_hosts: ~}}\n", "inv.yaml");
    assertNull(host(reset, "c").knownHosts());
  }

  @Test
  void loadResolvesRelativePathsAgainstTheFilesDirectory() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("site"));
    Path file = dir.resolve("inventory.yaml");
    Files.writeString(file, "defaults: {identity_file: id}\nhosts: {a: {}}\n");
    assertEquals(dir.resolve("id"), host(loader.load(file), "a").identityFile());
  }

  @Test
  void paramsKeepTheirTypesWithoutYaml11Surprises() throws Exception {
    Inventory inv =
        loader.parse(
            "defaults:\n"
                + "  params:\n"
                + "    n: 42\n"
                + "    neg: -7\n"
                + "    flag: true\n"
                + "    quoted_yes: \"yes\"\n"
                + "    quoted_num: \"0755\"\n"
                + "    version: 1.10\n"
                + "    day: 2024-01-01\n"
                + "    users: [alice, 'bob']\n"
                + "    nested: {a: 1, b: [x]}\n"
                + "hosts: {a: {}}\n",
            "inv.yaml");
    Map<String, Object> p = host(inv, "a").params();
    assertEquals(42L, p.get("n"));
    assertEquals(-7L, p.get("neg"));
    assertEquals(Boolean.TRUE, p.get("flag"));
    assertEquals("yes", p.get("quoted_yes"));
    assertEquals("0755", p.get("quoted_num"));
    assertEquals("1.10", p.get("version"));
    assertEquals("2024-01-01", p.get("day"));
    assertEquals(List.of("alice", "bob"), p.get("users"));
    assertEquals(Map.of("a", 1L, "b", List.of("x")), p.get("nested"));
  }

  @Test
  void yesIsRefusedForEveryBoolean() {
    for (String key : List.of("sudo", "vantage")) {
      for (String word : List.of("yes", "no", "on", "off", "Yes", "NO", "y", "n", "True")) {
        InventoryException e = fails("hosts:\n  a: {" + key + ": " + word + "}\n");
        assertTrue(
            e.getMessage()
                .startsWith(
                    "inv.yaml:2:"
                        + (9 + key.length())
                        + ": "
                        + key
                        + " must be true or false (got \""
                        + word
                        + "\""),
            e.getMessage());
      }
    }
  }

  @Test
  void theYesTrapHintNamesTheIntendedValue() {
    assertTrue(fails("hosts: {a: {sudo: on}}").getMessage().endsWith("; write sudo: true"));
    assertTrue(fails("hosts: {a: {sudo: no}}").getMessage().endsWith("; write sudo: false"));
  }

  @Test
  void portsAreStrictDecimals() throws Exception {
    assertEquals(65535, host(loader.parse("hosts: {a: {port: 65535}}", "i"), "a").port());
    assertEquals(1, host(loader.parse("hosts: {a: {port: \"1\"}}", "i"), "a").port());
    for (String bad :
        List.of("0", "65536", "022", "-1", "0x16", "2_2", "22.0", "'twenty'", "[22]")) {
      InventoryException e = fails("hosts: {a: {port: " + bad + "}}");
      assertTrue(
          e.getMessage().startsWith("inv.yaml:1:19: port must be an integer 1-65535 (got "),
          bad + " -> " + e.getMessage());
    }
  }

  @Test
  void reservedKeysAreCarried() throws Exception {
    Inventory inv =
        loader.parse(
            "defaults: {exposure: internal, probe_ports: [22]}\n"
                + "groups: {edge: {exposure: public, vantage: true}}\n"
                + "hosts:\n"
                + "  a: {groups: [edge], public_address: 198.51.100.1, probe_ports: [22, 8443]}\n"
                + "  b: {exposure: none, probe_ports: ~}\n",
            "inv.yaml");
    HostSpec a = host(inv, "a");
    assertEquals("public", a.exposure());
    assertTrue(a.vantage());
    assertEquals("198.51.100.1", a.publicAddress());
    assertEquals(List.of(22, 8443), a.probePorts());
    HostSpec b = host(inv, "b");
    assertEquals("none", b.exposure());
    assertEquals(List.of(), b.probePorts());
    assertFalse(b.vantage());
  }

  @Test
  void brandingIsReadAndAMissingLogoIsAWarning() throws Exception {
    Inventory inv =
        loader.parse(
            "branding: {organisation: ACME, logo: img/logo.png}\nhosts: {a: {}}\n",
            tmp.resolve("inv.yaml").toString());
    assertEquals(new Branding("ACME", tmp.resolve("img/logo.png")), inv.branding());
    assertEquals(
        List.of(
            tmp.resolve("inv.yaml")
                + ":1:38: logo "
                + tmp.resolve("img/logo.png")
                + " does not exist; reports will have no logo"),
        inv.warnings());
    InventoryException e = fails("branding: {organization: ACME}\nhosts: {a: {}}\n");
    assertEquals(
        "inv.yaml:1:12: unknown key 'organization' in branding; did you mean 'organisation'?",
        e.getMessage());
  }

  @Test
  void byteOrderMarkIsIgnored() throws Exception {
    Path file = tmp.resolve("bom.yaml");
    Files.write(file, ("\uFEFFhosts: {a: {}}\n").getBytes(StandardCharsets.UTF_8));
    assertEquals("a", loader.load(file).hosts().get(0).name());
  }

  // --- secrets ---------------------------------------------------------------------------------

  @Test
  void secretsAreRefusedAnywhereWithoutEchoingThem() {
    String[] docs = {
      "defaults: {password: s3cr3t-value}\nhosts: {a: {}}",
      "hosts: {a: {sudo_password: s3cr3t-value}}",
      "groups: {g: {passphrase: s3cr3t-value}}\nhosts: {a: {}}",
      "hosts: {a: {params: {deep: {token: s3cr3t-value}}}}",
      "branding: {secret: s3cr3t-value}\nhosts: {a: {}}",
      "Password: s3cr3t-value\nhosts: {a: {}}",
    };
    for (String doc : docs) {
      InventoryException e = fails(doc);
      assertTrue(
          e.getMessage().contains(": secrets are not allowed in the inventory; put the passphrase"),
          e.getMessage());
      assertFalse(e.getMessage().contains("s3cr3t-value"), e.getMessage());
    }
  }

  @Test
  void hostsNamedLikeSecretsAndPolicyParametersAreFine() throws Exception {
    Inventory inv =
        loader.parse(
            "defaults: {params: {password_max_days: 90}}\nhosts: {token: {}, secret-db: {}}",
            "inv.yaml");
    assertEquals(2, inv.hosts().size());
    assertEquals(90L, host(inv, "token").params().get("password_max_days"));
  }

  @Test
  void passphraseEnvValueIsNeverEchoed() {
    InventoryException e =
        fails("defaults: {identity_passphrase_env: 'hunter2 is my pw'}\nhosts: {a: {}}");
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  // --- hostile input ---------------------------------------------------------------------------

  @Test
  void billionLaughsFailsQuicklyWithALocation() {
    InventoryException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                assertThrows(
                    InventoryException.class,
                    () ->
                        loader.load(
                            InventoryLoaderBadInputTest.BAD.resolve("billion-laughs.yaml"))));
    assertEquals(3, e.location().line());
    assertEquals(11, e.location().column());
  }

  @Test
  void aFewCollectionAliasesAreStillAllowed() throws Exception {
    Inventory inv =
        loader.parse(
            "defaults: {params: {users: &u [alice, bob]}}\n"
                + "hosts:\n  a: {params: {admins: *u}}\n  b: {tags: &t [x]}\n  c: {tags: *t}\n",
            "inv.yaml");
    assertEquals(List.of("alice", "bob"), host(inv, "a").params().get("admins"));
    assertEquals(List.of("x"), host(inv, "c").tags());
  }

  @Test
  void hugeFileIsRefusedBeforeParsing() throws IOException {
    Path file = tmp.resolve("huge.yaml");
    byte[] big = new byte[InventoryLoader.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) 'a');
    Files.write(file, big);
    InventoryException e = assertThrows(InventoryException.class, () -> loader.load(file));
    assertEquals(
        file + ":1:1: the inventory is larger than 4 MiB; split it into several files",
        e.getMessage());
  }

  @Test
  void hugeTextIsRefused() {
    String text = "hosts: {a: {}}\n#" + "x".repeat(SafeYaml.MAX_CODE_POINTS);
    InventoryException e =
        assertThrows(InventoryException.class, () -> loader.parse(text, "big.yaml"));
    assertEquals(
        "big.yaml:1:1: the inventory is larger than 4 MiB; split it into several files",
        e.getMessage());
  }

  @Test
  void globalTagNeverConstructsAnything() {
    InventoryException e =
        fails("hosts:\n  a:\n    params: {x: !!javax.script.ScriptEngineManager [a]}\n");
    assertEquals(
        "inv.yaml:3:17: YAML tags are not allowed in the inventory (found"
            + " !!javax.script.ScriptEngineManager); remove the tag, and quote the value if it"
            + " is meant as text",
        e.getMessage());
    // even standard tags are refused: the loader converts raw text itself
    assertTrue(
        fails("hosts: {a: {port: !!int 22}}").getMessage().startsWith("inv.yaml:1:19: YAML tags"));
  }

  @Test
  void manyHostsLoadFast() throws Exception {
    StringBuilder sb = new StringBuilder("hosts:\n");
    for (int i = 0; i < 5000; i++) {
      sb.append("  h-")
          .append(i)
          .append(": {address: 10.0.")
          .append(i / 256)
          .append('.')
          .append(i % 256)
          .append("}\n");
    }
    Inventory inv =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> loader.parse(sb.toString(), "i"));
    assertEquals(5000, inv.hosts().size());
    assertEquals("10.0.19.135", host(inv, "h-4999").address());
  }

  // --- files -----------------------------------------------------------------------------------

  @Test
  void missingFile() {
    Path file = tmp.resolve("inventory.yaml");
    InventoryException e = assertThrows(InventoryException.class, () -> loader.load(file));
    assertEquals(file + ": cannot read: No such file or directory", e.getMessage());
    assertNull(e.location());
  }

  @Test
  void relativeMissingFileKeepsTheNameAsGiven() {
    InventoryException e =
        assertThrows(
            InventoryException.class, () -> loader.load(Path.of("no-such-dir/inventory.yaml")));
    assertEquals(
        "no-such-dir/inventory.yaml: cannot read: No such file or directory", e.getMessage());
  }

  @Test
  void directoryIsNotAnInventory() {
    InventoryException e = assertThrows(InventoryException.class, () -> loader.load(tmp));
    assertEquals(tmp + ": cannot read: Is a directory", e.getMessage());
  }

  @Test
  void unreadableFile() throws IOException {
    Path file = tmp.resolve("secret.yaml");
    Files.writeString(file, "hosts: {a: {}}\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(file), "running as root: permissions are not enforced");
    InventoryException e = assertThrows(InventoryException.class, () -> loader.load(file));
    assertEquals(file + ": cannot read: Permission denied", e.getMessage());
  }

  @Test
  void notUtf8() throws IOException {
    Path file = tmp.resolve("latin1.yaml");
    Files.write(file, new byte[] {'h', 'o', 's', 't', 's', ':', ' ', (byte) 0xE9, '\n'});
    InventoryException e = assertThrows(InventoryException.class, () -> loader.load(file));
    assertEquals(
        file + ": cannot read: not UTF-8 text; save the inventory as UTF-8", e.getMessage());
  }

  // --- compatibility ---------------------------------------------------------------------------

  @Test
  void hostSpecLocalAndTheOriginalConstructorStillWork() {
    HostSpec local = HostSpec.local("this-machine", true);
    assertTrue(local.isLocal());
    assertTrue(local.sudo());
    assertEquals(List.of(), local.probePorts());
    assertFalse(local.vantage());
    HostSpec old =
        new HostSpec(
            "a",
            "10.0.0.1",
            22,
            "u",
            null,
            null,
            null,
            false,
            null,
            List.of(),
            List.of(),
            Map.of(),
            null);
    assertNull(old.exposure());
    assertEquals(List.of(), old.probePorts());
    Inventory inv = new Inventory("(local)", List.of(local));
    assertEquals(List.of(), inv.warnings());
    assertEquals(Branding.NONE, inv.branding());
  }
}
