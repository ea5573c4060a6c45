package io.auditgap.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file under {@code inventory/bad/} must fail with exactly the message listed here. */
class InventoryLoaderBadInputTest {
  static final Path BAD = Path.of("src/test/resources/inventory/bad");

  private static final String SECRET =
      "secrets are not allowed in the inventory; put the passphrase in an environment variable"
          + " and name it with identity_passphrase_env";

  static final Map<String, String> EXPECTED =
      Map.ofEntries(
          Map.entry(
              "syntax.yaml",
              "4:4: YAML syntax error: while parsing a block mapping: expected <block end>, but"
                  + " found '<block mapping start>'; check the indentation (spaces only) and"
                  + " quoting here"),
          Map.entry(
              "tab.yaml",
              "3:1: YAML syntax error: while scanning for the next token: found character"
                  + " '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for"
                  + " indentation); check the indentation (spaces only) and quoting here"),
          Map.entry(
              "two-documents.yaml",
              "3:1: a second YAML document starts here; an inventory is one document, remove the"
                  + " --- separator and merge the hosts into one hosts: section"),
          Map.entry(
              "duplicate-host.yaml",
              "4:3: duplicate host 'web-1' (first defined at line 2, column 3); host names must"
                  + " be unique"),
          Map.entry(
              "duplicate-setting.yaml",
              "6:5: duplicate key 'port' in host 'web-1' (first defined at line 4, column 5);"
                  + " remove one of them"),
          Map.entry(
              "typo-top-level.yaml", "3:1: unknown top-level key 'hots'; did you mean 'hosts'?"),
          Map.entry(
              "typo-host-key.yaml",
              "3:5: unknown key 'adress' in host 'web-1'; did you mean 'address'?"),
          Map.entry(
              "unknown-key.yaml",
              "2:3: unknown key 'colour' in defaults; valid keys are user, identity_file,"
                  + " identity_passphrase_env, known_hosts, sudo, port, params, tags, exposure,"
                  + " probe_ports, vantage, must_reach, must_not_reach"),
          Map.entry(
              "key-with-line-break.yaml",
              "3:5: unknown key 'adr\\ness\\x1b[31m' in host 'web-1'; valid keys are address,"
                  + " groups, jump, public_address, waivers, user, identity_file,"
                  + " identity_passphrase_env, known_hosts, sudo, port, params, tags, exposure,"
                  + " probe_ports, vantage, must_reach, must_not_reach"),
          Map.entry(
              "value-with-escape.yaml", "4:11: user must be a login name (got \"ro\\x1b[2Jot\")"),
          Map.entry(
              "misplaced-key.yaml",
              "2:3: unknown key 'address' in defaults; 'address' belongs in a host, not here"),
          Map.entry("port-word.yaml", "6:11: port must be an integer 1-65535 (got \"twenty-two\")"),
          Map.entry("port-range.yaml", "2:17: port must be an integer 1-65535 (got \"70000\")"),
          Map.entry("port-null.yaml", "3:10: port needs a value; write e.g. port: 22"),
          Map.entry(
              "probe-port-bad.yaml",
              "2:29: probe_ports must be an integer 1-65535 (got \"0x1bb\")"),
          Map.entry(
              "sudo-yes.yaml",
              "2:9: sudo must be true or false (got \"yes\"; YAML 1.1 reads yes as a boolean,"
                  + " auditgap accepts only true and false); write sudo: true"),
          Map.entry(
              "sudo-off.yaml",
              "2:15: sudo must be true or false (got \"Off\"; YAML 1.1 reads Off as a boolean,"
                  + " auditgap accepts only true and false); write sudo: false"),
          Map.entry(
              "sudo-quoted.yaml",
              "2:17: sudo must be true or false (got \"true\"; it is quoted text); write sudo:"
                  + " true"),
          Map.entry(
              "params-yes.yaml",
              "2:31: params.tty_audit_enabled: \"yes\" is ambiguous (YAML 1.1 reads it as a"
                  + " boolean); write true or false, or quote it as text"),
          Map.entry(
              "params-octal.yaml",
              "2:21: params.uid_min: \"0755\" is read differently by YAML versions (octal, hex, _"
                  + " or :); write a plain decimal number, or quote it as text"),
          Map.entry(
              "missing-hosts.yaml",
              "1:1: no hosts: section; add hosts: with at least one host, e.g. web-1: {address:"
                  + " ...}"),
          Map.entry(
              "empty-hosts.yaml",
              "3:1: hosts is empty; add at least one host, e.g. web-1: {address: 10.0.0.5}"),
          Map.entry(
              "empty-hosts-mapping.yaml",
              "1:1: hosts is empty; add at least one host, e.g. web-1: {address: 10.0.0.5}"),
          Map.entry(
              "hosts-list.yaml",
              "2:3: hosts must be a mapping of host names to settings (got a list); write e.g."
                  + " web-1: {address: 10.0.0.5}"),
          Map.entry(
              "empty.yaml",
              "1:1: the inventory is empty; add a hosts: section (see inventory.example.yaml)"),
          Map.entry(
              "top-level-list.yaml",
              "1:1: the inventory must be a mapping with defaults:, groups: and hosts: sections"
                  + " (got a list); see inventory.example.yaml"),
          Map.entry("unknown-group.yaml", "5:20: unknown group 'wbe'; did you mean 'web'?"),
          Map.entry("unknown-parent.yaml", "2:17: unknown group 'linx'; did you mean 'linux'?"),
          Map.entry(
              "unknown-jump.yaml",
              "3:39: jump host 'bastoin' (for host 'db-1') is not in the inventory; did you mean"
                  + " 'bastion'?"),
          Map.entry(
              "jump-cycle.yaml",
              "4:13: jump cycle: a -> b -> c -> a; a jump host cannot reach itself (write jump:"
                  + " null on a bastion that inherits a jump)"),
          Map.entry(
              "jump-self-inherited.yaml",
              "2:17: jump cycle: bastion -> bastion; a jump host cannot reach itself (write"
                  + " jump: null on a bastion that inherits a jump)"),
          Map.entry(
              "group-cycle.yaml",
              "3:17: group cycle: linux -> web -> linux; remove one of these parent links"),
          Map.entry(
              "group-parent-and-parents.yaml",
              "3:18: group 'b' sets both parent and parents; keep one (parents: [a, b])"),
          Map.entry(
              "host-groups-not-list.yaml",
              "4:19: groups must be a list of group names, e.g. [web] (got \"web\")"),
          Map.entry(
              "tags-not-list.yaml",
              "2:17: tags must be a list of labels, e.g. [prod] (got \"prod\")"),
          Map.entry(
              "host-name.yaml",
              "2:3: host name \"web 1\" may contain only letters, digits, '.', '_' and '-', and"
                  + " must start with a letter or digit"),
          Map.entry(
              "address-with-user.yaml",
              "2:20: address must be a DNS name or IP address (got \"root@10.0.0.5\"); put the"
                  + " login name in user:"),
          Map.entry(
              "exposure-typo.yaml",
              "2:21: exposure must be one of public, internal, none (got \"publik\"); did you"
                  + " mean 'public'?"),
          Map.entry("user-empty.yaml", "2:9: user must not be empty; write a login name"),
          Map.entry(
              "tilde-user.yaml",
              "2:18: identity_file: ~user paths are not supported (got"
                  + " \"~bob/.ssh/id_ed25519\"); write the full path"),
          Map.entry("secret-password.yaml", "4:5: key 'password': " + SECRET),
          Map.entry("secret-passphrase.yaml", "3:3: key 'identity_passphrase': " + SECRET),
          Map.entry("secret-in-params.yaml", "4:5: key 'api_token': " + SECRET),
          Map.entry(
              "secret-as-env-name.yaml",
              "2:28: identity_passphrase_env must be the NAME of an environment variable"
                  + " (letters, digits, _), not the passphrase; e.g. identity_passphrase_env:"
                  + " AUDITGAP_KEY_PASSPHRASE"),
          Map.entry(
              "private-key-inline.yaml",
              "4:12: secrets are not allowed in the inventory (this looks like a private key);"
                  + " point identity_file at the key file instead"),
          Map.entry(
              "global-tag.yaml",
              "4:15: YAML tags are not allowed in the inventory (found"
                  + " !!javax.script.ScriptEngineManager); remove the tag, and quote the value if"
                  + " it is meant as text"),
          Map.entry(
              "local-tag.yaml",
              "2:10: YAML tags are not allowed in the inventory (found !host); remove the tag,"
                  + " and quote the value if it is meant as text"),
          Map.entry(
              "merge-key.yaml",
              "5:5: YAML merge keys (<<) are not supported; share settings with groups:"),
          Map.entry(
              "billion-laughs.yaml",
              "3:11: more than 10 aliases to lists or mappings (an alias bomb?); write the values"
                  + " out or share them through defaults and groups"),
          Map.entry(
              "recursive-alias.yaml",
              "3:23: alias *p refers to a value that contains it; remove the recursion"),
          Map.entry(
              "deep-nesting.yaml", "4:22: nesting is deeper than 16 levels; flatten this value"));

  static Stream<Arguments> cases() {
    return EXPECTED.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsWithExactMessage(String file, String expected) {
    Path path = BAD.resolve(file);
    InventoryException e =
        assertThrows(InventoryException.class, () -> new InventoryLoader().load(path));
    assertEquals(path + ":" + expected, e.getMessage());
    String[] lineColumn = expected.split(":", 3);
    assertEquals(
        new Location(
            path.toString(), Integer.parseInt(lineColumn[0]), Integer.parseInt(lineColumn[1])),
        e.location());
  }

  @Test
  void everyBadFileHasAnExpectation() throws IOException {
    Set<String> files;
    try (Stream<Path> s = Files.list(BAD)) {
      files = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(new TreeSet<>(EXPECTED.keySet()), files);
  }
}
