package io.auditgap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditgap.cli.Main;
import io.auditgap.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collection by the fleet's own automation: Debian's ansible-core runs the script that {@code
 * auditgap collector} printed on every fleet host (the {@code script} module, {@code become} where
 * the scan user has sudo), saves each host's output as a bundle, and {@code auditgap evaluate} on
 * the bundles gives the same verdict for every check on every host as a direct scan.
 */
class AnsibleBundlesIT {
  private static final Path PLAYBOOK_BIN = Path.of("/usr/bin/ansible-playbook");

  @TempDir Path tmp;

  @Test
  void ansibleScriptBundlesGiveTheDirectScansVerdictsHostForHost() throws Exception {
    assumeTrue(Files.isExecutable(PLAYBOOK_BIN), "ansible-core not installed");
    TestFleet fleet = TestFleet.get();

    Path direct = tmp.resolve("direct");
    cli(
        "scan",
        "-i",
        fleet.inventory().toString(),
        "--no-probe",
        "--format",
        "json",
        "-o",
        direct.toString());
    String script = cli("collector").stdout();
    Path collect = tmp.resolve("collect.sh");
    Files.writeString(collect, script, StandardCharsets.UTF_8);

    Path bundles = Files.createDirectory(tmp.resolve("bundles"));
    Path inventory = tmp.resolve("hosts.ini");
    StringBuilder ini = new StringBuilder("[fleet]\n");
    for (TestFleet.Host h : fleet.hosts().values()) {
      ini.append(h.name())
          .append(" ansible_host=")
          .append(h.address())
          .append(" ansible_port=")
          .append(h.port())
          .append(" ansible_become=")
          .append(h.sudo() ? "true" : "false")
          .append('\n');
    }
    ini.append("\n[fleet:vars]\nansible_user=")
        .append(fleet.user())
        .append("\nansible_ssh_private_key_file=")
        .append(fleet.identityFile())
        .append("\nansible_ssh_common_args='-o UserKnownHostsFile=")
        .append(fleet.knownHosts())
        .append(" -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes'\n")
        // the fleet's sshd_config files do not all name an sftp server that exists here
        .append("ansible_ssh_transfer_method=piped\n");
    Files.writeString(inventory, ini.toString());
    Path playbook = tmp.resolve("collect.yml");
    Files.writeString(
        playbook,
        String.join(
            "\n",
            "- hosts: fleet",
            "  gather_facts: false",
            "  tasks:",
            "    - name: run the auditgap collector",
            "      ansible.builtin.script: " + collect,
            "      register: collected",
            "    - name: keep the bundle",
            "      ansible.builtin.copy:",
            "        content: \"{{ collected.stdout }}\"",
            "        dest: \"" + bundles + "/{{ inventory_hostname }}.bundle\"",
            "      delegate_to: localhost",
            "      become: false",
            ""));
    ProcessBuilder pb =
        new ProcessBuilder(
                PLAYBOOK_BIN.toString(), "-i", inventory.toString(), "-f", "8", playbook.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("ansible.log").toFile());
    Map<String, String> env = pb.environment();
    env.put("ANSIBLE_HOME", tmp.resolve("ansible-home").toString());
    env.put("ANSIBLE_LOCAL_TEMP", tmp.resolve("ansible-tmp").toString());
    env.put("ANSIBLE_NOCOLOR", "1");
    env.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
    env.put("ANSIBLE_PYTHON_INTERPRETER", "/usr/bin/python3");
    Process p = pb.start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "ansible-playbook did not finish");
    String log = Files.readString(tmp.resolve("ansible.log"));
    assertEquals(0, p.exitValue(), log);

    Path evaluated = tmp.resolve("evaluated");
    cli("evaluate", bundles.toString(), "--format", "json", "-o", evaluated.toString());

    Map<String, Map<String, String>> want = verdicts(direct.resolve("report.json"));
    Map<String, Map<String, String>> got = verdicts(evaluated.resolve("report.json"));
    assertEquals(fleet.hosts().keySet(), want.keySet());
    assertEquals(want.keySet(), got.keySet());
    List<String> differences = new ArrayList<>();
    for (String host : want.keySet()) {
      want.get(host)
          .forEach(
              (check, status) -> {
                String other = got.get(host).get(check);
                if (!status.equals(other)) {
                  differences.add(host + " " + check + ": direct " + status + ", ansible " + other);
                }
              });
      assertEquals(want.get(host).keySet(), got.get(host).keySet(), host);
    }
    assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
  }

  private record Run(int code, String stdout, String stderr) {}

  private static Run cli(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
    assertTrue(code <= 3, () -> String.join(" ", args) + " failed (" + code + "): " + e);
    return new Run(code, o.toString(), e.toString());
  }

  /** host → check → status. */
  private static Map<String, Map<String, String>> verdicts(Path report) throws IOException {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (JsonNode h : ReportFiles.readValid(report).get("hosts")) {
      Map<String, String> m = new TreeMap<>();
      for (JsonNode f : h.get("findings")) {
        m.put(f.get("check").asText(), f.get("status").asText());
      }
      out.put(h.get("name").asText(), m);
    }
    return out;
  }
}
