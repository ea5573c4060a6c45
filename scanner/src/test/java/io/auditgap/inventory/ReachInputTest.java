package io.auditgap.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.inventory.sshconfig.SshConfig;
import io.auditgap.inventory.sshconfig.SshConfigException;
import io.auditgap.inventory.sshconfig.SshHostConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad and edge-case input for ssh_config, quick targets, Ansible inventories and --limit. */
class ReachInputTest {
  @TempDir Path tmp;

  private SshConfig config(String text) throws Exception {
    Path f = tmp.resolve("config");
    Files.writeString(f, text);
    return SshConfig.of(f, tmp, "me", "box.example.net", "1000", Map.of("HOME", "/h")::get);
  }

  @Test
  void refusedKeywordsNameTheLineAndWhatToDo() throws Exception {
    SshConfig c = config("Host a\n  ProxyCommand nc %h %p\nHost b\n  User x\n");
    SshConfigException e = assertThrows(SshConfigException.class, () -> c.resolve("a", null, null));
    assertTrue(
        e.getMessage().startsWith(tmp.resolve("config") + ":2: ProxyCommand is not supported"),
        e.getMessage());
    assertEquals(
        "x", c.resolve("b", null, null).user(), "a refused line only matters where it applies");
    SshConfig exec =
        config(
            "Match host * exec \"gpg-connect-agent updatestartuptty /bye\"\nMatch exec true\n  User y\n");
    SshConfigException m =
        assertThrows(SshConfigException.class, () -> exec.resolve("h", null, null));
    assertTrue(
        m.getMessage().contains(":3: User inside a Match block auditgap cannot evaluate"),
        m.getMessage());
    assertEquals("me", config("Match host * exec \"true\"\n").resolve("h", null, null).user());
  }

  @Test
  void tokensAndBadValues() throws Exception {
    SshConfig c = config("Host *\n  User ops\n  IdentityFile %d/k_%h_%r_%u_%p_%%\n  Port 2022\n");
    SshHostConfig r = c.resolve("Web-1", null, null);
    assertEquals(
        tmp + "/k_web-1_ops_me_2022_%", c.expand(r.identityFiles().get(0), r, "IdentityFile"));
    assertThrows(SshConfigException.class, () -> config("Port 99999\n").resolve("h", null, null));
    SshConfigException t =
        assertThrows(
            SshConfigException.class,
            () -> {
              SshConfig k = config("IdentityFile ~/%C\n");
              SshHostConfig x = k.resolve("h", null, null);
              k.expand(x.identityFiles().get(0), x, "IdentityFile");
            });
    assertTrue(t.getMessage().contains("token %C is not supported"), t.getMessage());
  }

  @Test
  void quickTargets() throws Exception {
    SshConfigApplier a = new SshConfigApplier(config(""));
    HostSpec h = a.quickTarget("admin@db-2:2222", false);
    assertEquals(List.of("db-2", "admin", 2222), List.of(h.address(), h.user(), h.port()));
    assertEquals("command line", h.ssh().source("user"));
    HostSpec v6 = a.quickTarget("[2001:db8::1]:2200", false);
    assertEquals("2001:db8::1", v6.address());
    assertEquals(2200, v6.port());
    assertEquals("me", a.quickTarget("web-1.example.com", false).user());
    assertThrows(InventoryException.class, () -> a.quickTarget("a@b@c", false));
    assertThrows(InventoryException.class, () -> a.quickTarget("h:70000", false));
  }

  @Test
  void ansibleBadInputSaysFileAndLine() throws Exception {
    Path ini = tmp.resolve("hosts");
    Files.writeString(ini, "[web]\nweb[01:03] ansible_port=twenty\n");
    InventoryException e =
        assertThrows(
            InventoryException.class, () -> InventoryReader.read(ini, InventoryFormat.AUTO));
    assertTrue(
        e.getMessage().startsWith(ini + ":2: ansible_port of web01 is not a number"),
        e.getMessage());
    Files.writeString(ini, "[web]\nw1 auditgap_exposure=sideways\n");
    InventoryException x =
        assertThrows(
            InventoryException.class, () -> InventoryReader.read(ini, InventoryFormat.AUTO));
    assertTrue(x.getMessage().startsWith(ini + ":2:"), x.getMessage());
    Files.writeString(ini, "[web]\nw1 auditgap_colour=blue\n");
    assertTrue(
        assertThrows(
                InventoryException.class, () -> InventoryReader.read(ini, InventoryFormat.AUTO))
            .getMessage()
            .contains("unknown variable auditgap_colour"));
    Files.writeString(
        ini,
        "[web]\nw1 ansible_ssh_common_args='-o ProxyCommand=\"nc -X 5 -x proxy:1080 %h %p\"'\n");
    assertTrue(
        assertThrows(
                InventoryException.class, () -> InventoryReader.read(ini, InventoryFormat.AUTO))
            .getMessage()
            .contains("ProxyCommand"));
  }

  @Test
  void limitTakesHostsGroupsExclusionsAndIntersections() throws Exception {
    Path ini = tmp.resolve("hosts");
    Files.writeString(ini, "[web]\nweb[1:3]\n[db]\ndb1\nweb2\n[prod:children]\nweb\n[prod]\ndb1\n");
    Inventory inv = InventoryReader.read(ini, InventoryFormat.AUTO);
    assertEquals(List.of("web1", "web2", "web3"), names(inv.select("web")));
    assertEquals(List.of("web1", "web3"), names(inv.select("web,!db")));
    assertEquals(List.of("web2"), names(inv.select("web,&db")));
    assertEquals(List.of("web1", "web2", "web3", "db1"), names(inv.select("all")));
    assertEquals(List.of("db1"), names(inv.select("prod,!web*")));
    assertEquals(List.of(), names(inv.select("nothing")));
    assertNull(inv.hosts().get(0).jump());
  }

  @Test
  void formatDetectionKeepsAuditgapTyposWithTheAuditgapLoader() throws Exception {
    Path f = tmp.resolve("inv.yaml");
    Files.writeString(f, "defaults:\n  user: a\nhots:\n  web-1: {address: 10.0.0.1}\n");
    assertEquals(InventoryFormat.AUDITGAP, InventoryReader.detect(f));
    InventoryException e =
        assertThrows(InventoryException.class, () -> InventoryReader.read(f, InventoryFormat.AUTO));
    assertTrue(e.getMessage().contains("did you mean 'hosts'"), e.getMessage());
    Files.writeString(f, "webservers:\n  hosts:\n    web-1:\n");
    assertEquals(InventoryFormat.ANSIBLE_YAML, InventoryReader.detect(f));
    Files.writeString(f, "web-1 ansible_host=10.0.0.1\n");
    assertEquals(InventoryFormat.ANSIBLE_INI, InventoryReader.detect(f));
    Files.writeString(f, "{\"_meta\": {\"hostvars\": {}}, \"all\": {}}\n");
    assertEquals(InventoryFormat.ANSIBLE_JSON, InventoryReader.detect(f));
  }

  private static List<String> names(List<HostSpec> hosts) {
    return hosts.stream().map(HostSpec::name).toList();
  }
}
