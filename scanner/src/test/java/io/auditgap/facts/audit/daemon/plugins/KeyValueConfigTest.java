package io.auditgap.facts.audit.daemon.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.auditgap.facts.logging.Fixtures;
import org.junit.jupiter.api.Test;

class KeyValueConfigTest {
  @Test
  void shippedAudispRemoteConfHasAnEmptyServer() {
    KeyValueConfig c =
        KeyValueConfig.parse(
            "/etc/audit/audisp-remote.conf", Fixtures.read("debian12/audisp-remote.conf"));
    assertEquals("", c.get("remote_server"));
    assertEquals("60", c.get("port"));
    assertEquals("immediate", c.get("mode"));
    assertEquals("tcp", c.get("transport"));
    assertEquals(6, c.entry("remote_server").where().line());
    assertNull(c.entry("krb5_principal"), "commented with ##");
  }

  @Test
  void lastAssignmentWinsAndRemembersTheOverriddenLine() {
    KeyValueConfig c = KeyValueConfig.parse("p", "active = yes\nACTIVE = no\nbroken line\n");
    assertEquals("no", c.get("active"));
    assertEquals(1, c.entry("active").overrode().line());
    assertEquals(1, c.problems().size());
    assertEquals("p:3: no '=' in \"broken line\"", c.problems().get(0));
  }
}
