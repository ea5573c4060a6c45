package io.auditgap.facts.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentParsersTest {
  @Test
  void wazuhDefaultAgentConfigHasPlaceholderManagerAndReadsAuthLog() {
    AgentConfig a =
        AgentParsers.wazuh("/var/ossec/etc/ossec.conf", Fixtures.read("wazuh/ossec-agent.conf"));
    assertNull(a.output(), "<address>IP</address> is the installer placeholder");
    assertEquals(1, a.authInputs().size());
    assertTrue(a.auditInputs().isEmpty());
  }

  @Test
  void wazuhEnrolledWithAuditAndJournald() {
    String conf =
        Fixtures.read("wazuh/ossec-agent.conf")
            .replace("<address>IP</address>", "<address>wazuh.example.com</address>")
            .replace(
                "  <!-- Active response -->",
                "  <localfile>\n    <log_format>audit</log_format>\n"
                    + "    <location>/var/log/audit/audit.log</location>\n  </localfile>\n"
                    + "  <!-- <localfile><log_format>journald</log_format><location>journald</location></localfile> -->\n"
                    + "  <!-- Active response -->");
    AgentConfig a = AgentParsers.wazuh("/var/ossec/etc/ossec.conf", conf);
    assertEquals(10, a.output().line());
    assertEquals(1, a.auditInputs().size());
    assertEquals(1, a.authInputs().size(), "the commented journald localfile does not count");
  }

  @Test
  void splunkMonitorStanzasAndDisabledOnes() {
    AgentConfig a =
        AgentParsers.splunk(
            "inputs.conf",
            "[monitor:///var/log/audit/audit.log]\nsourcetype = linux_audit\n\n"
                + "[monitor:///var/log/secure]\ndisabled = true\n",
            "outputs.conf",
            "[tcpout]\ndefaultGroup = idx\n[tcpout:idx]\nserver = idx1.example.com:9997\n"
                + "sslVerifyServerCert = true\n");
    assertEquals(1, a.auditInputs().size());
    assertTrue(a.authInputs().isEmpty(), "secure monitor is disabled");
    assertEquals(4, a.output().line());
    assertEquals(Boolean.TRUE, a.tls());
  }

  @Test
  void filebeatModulesAndFluentBit() {
    AgentConfig fb =
        AgentParsers.beat(
            "Filebeat",
            "filebeat",
            "/etc/filebeat/filebeat.yml",
            "filebeat.inputs:\n- type: filestream\n  paths:\n    - /var/log/*.log\n"
                + "output.logstash:\n  hosts: [\"ls.example.com:5044\"]\n",
            List.<String[]>of(
                new String[] {
                  "/etc/filebeat/modules.d/system.yml",
                  "- module: system\n  syslog:\n    enabled: true\n  auth:\n    enabled: true\n"
                }));
    assertEquals(6, fb.output().line());
    assertEquals(
        1,
        fb.authInputs().size(),
        "the system module; a *.log glob is not counted (it never matches /var/log/secure)");
    AgentConfig bit =
        AgentParsers.fluentBit(
            "fluent-bit",
            "/etc/fluent-bit/fluent-bit.conf",
            "[INPUT]\n    Name systemd\n[INPUT]\n    Name tail\n    Path /var/log/audit/audit.log\n"
                + "[OUTPUT]\n    Name forward\n    Host fluentd.example.com\n    tls On\n    tls.verify Off\n");
    assertEquals(1, bit.authInputs().size());
    assertEquals(1, bit.auditInputs().size());
    assertEquals(8, bit.output().line());
    assertEquals(Boolean.FALSE, bit.tls(), "tls.verify Off");
  }
}
