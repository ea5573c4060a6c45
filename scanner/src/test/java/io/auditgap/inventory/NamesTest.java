package io.auditgap.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void damerauDistance() {
    assertEquals(0, Names.distance("hosts", "hosts"));
    assertEquals(1, Names.distance("hots", "hosts"));
    assertEquals(1, Names.distance("hsots", "hosts")); // transposition counts once
    assertEquals(2, Names.distance("hst", "hosts"));
    assertEquals(3, Names.distance("parent", "port"));
  }

  @Test
  void secretKeysAreRecognisedByTheirLastWord() {
    for (String k :
        List.of(
            "password",
            "Password",
            "sudo_password",
            "sudoPassword",
            "passwd",
            "passphrase",
            "identity_passphrase",
            "secret",
            "client-secret",
            "token",
            "api_token",
            "apiKey",
            "db_pwd",
            "private_key",
            "private_key_file")) {
      assertTrue(InventoryNodes.isSecretKey(k), k);
    }
    for (String k :
        List.of(
            "identity_passphrase_env",
            "password_max_days",
            "token_lifetime",
            "retention_days",
            "user",
            "tty_audit_users")) {
      assertFalse(InventoryNodes.isSecretKey(k), k);
    }
  }

  @Test
  void suggestsOnlyCloseKeys() {
    List<String> top = InventoryLoader.TOP_KEYS;
    assertEquals(Optional.of("hosts"), Names.suggest("hots", top));
    assertEquals(Optional.of("hosts"), Names.suggest("Hosts", top));
    assertEquals(Optional.of("defaults"), Names.suggest("default", top));
    assertEquals(Optional.of("groups"), Names.suggest("gruops", top));
    assertEquals(Optional.empty(), Names.suggest("inventory", top));
    assertEquals(Optional.empty(), Names.suggest("ab", List.of("xy")));
  }
}
