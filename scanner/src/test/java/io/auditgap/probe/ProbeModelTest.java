package io.auditgap.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Status;
import io.auditgap.checks.matchers.exposure.PublicSourceAuth;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** JSON form, baseline diff and exposure findings, on hand-built results. */
class ProbeModelTest {
  static final Vantage LOCAL = Vantage.local(true);
  static final Vantage INTERNET = new Vantage("edge-vm", false);
  static final Map<String, Vantage> VANTAGES = Map.of("local", LOCAL, "edge-vm", INTERNET);

  static PortResult result(String vantage, int port, PortVerdict v, List<String> methods) {
    boolean ssh = v == PortVerdict.OPEN;
    return new PortResult(
        "web1",
        vantage,
        "10.1.2.3",
        port,
        v,
        1.5,
        ssh ? "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3" : null,
        ssh ? "OpenSSH_9.2p1" : null,
        methods,
        ssh ? "SHA256:abc" : null,
        ssh ? "ssh-ed25519" : null,
        v.reachable() ? null : "why");
  }

  static ProbeReport report(PortResult... rs) {
    return new ProbeReport(1, "test", Instant.EPOCH, Instant.EPOCH, 2000, 2000, List.of(rs));
  }

  @Test
  void jsonRoundTripKeepsEveryFieldWithSnakeCaseNames() throws IOException {
    ProbeReport r =
        report(
            result("local", 22, PortVerdict.OPEN, List.of("publickey", "password")),
            result("edge-vm", 22, PortVerdict.FILTERED, null),
            result("local", 8080, PortVerdict.OPEN_NOT_SSH, null));
    String json = ProbeJson.toJson(r);
    for (String field :
        List.of(
            "\"version\" : 1",
            "\"latency_ms\"",
            "\"auth_methods\" : [\n        \"publickey\",\n        \"password\"\n      ]",
            "\"host_key_fingerprint\"",
            "\"verdict\" : \"open-not-ssh\"",
            "\"started_at\" : \"1970-01-01T00:00:00Z\"")) {
      assertTrue(json.contains(field), field + " in " + json);
    }
    ProbeReport back =
        ProbeJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    assertEquals(r, back);
    assertEquals(json, ProbeJson.toJson(back), "read then written again gives the same bytes");
    assertEquals(
        List.of(),
        io.auditgap.report.ReportFiles.probeErrors(
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)));
  }

  /** Each mistake alone: docs/probe-schema.json is strict enough to catch it. */
  @Test
  void theProbeSchemaRejectsBrokenFiles() throws IOException {
    String json =
        ProbeJson.toJson(
            report(
                result("local", 22, PortVerdict.OPEN, List.of("publickey")),
                result("edge-vm", 22, PortVerdict.FILTERED, null)));
    com.fasterxml.jackson.databind.ObjectMapper m =
        new com.fasterxml.jackson.databind.ObjectMapper();
    List<java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>> mistakes =
        List.of(
            p -> p.put("version", 2),
            p ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) p.at("/targets/0"))
                    .put("verdict", "OPEN"),
            p ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) p.at("/targets/0"))
                    .put("port", 70000),
            p ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) p.at("/targets/1"))
                    .remove("host"),
            p ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) p.at("/targets/1"))
                    .put("latency", 1),
            p -> p.put("started_at", "noon"));
    for (int i = 0; i < mistakes.size(); i++) {
      com.fasterxml.jackson.databind.node.ObjectNode tree =
          (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(json);
      mistakes.get(i).accept(tree);
      assertFalse(
          io.auditgap.report.ReportFiles.probeErrors(tree).isEmpty(),
          "mistake " + i + " not caught");
    }
  }

  @Test
  void refusesNewerFormatVersions() {
    String json = "{\"version\": 99, \"targets\": []}";
    IOException e =
        assertThrows(
            IOException.class,
            () -> ProbeJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    assertTrue(e.getMessage().contains("version 99"));
  }

  @Test
  void diffFindsNewlyOpenClosedBannerAndMethodChanges() {
    PortResult a22 = result("local", 22, PortVerdict.OPEN, List.of("publickey"));
    PortResult a2222 = result("local", 2222, PortVerdict.FILTERED, null);
    PortResult e22 = result("edge-vm", 22, PortVerdict.OPEN, List.of("publickey"));
    ProbeReport before = report(a22, a2222, e22);
    PortResult b22 =
        new PortResult(
            "web1",
            "local",
            "10.1.2.3",
            22,
            PortVerdict.OPEN,
            1,
            "SSH-2.0-OpenSSH_9.6",
            "OpenSSH_9.6",
            List.of("publickey", "password"),
            "SHA256:abc",
            "ssh-ed25519",
            null);
    PortResult b2222 = result("local", 2222, PortVerdict.OPEN, List.of("publickey"));
    PortResult f22 = result("edge-vm", 22, PortVerdict.CLOSED, null);
    ProbeDiff d = ProbeDiff.compare(before, report(b22, b2222, f22));
    assertEquals(1, d.of(ProbeDiff.Kind.NEWLY_OPEN).size());
    assertEquals(1, d.of(ProbeDiff.Kind.NEWLY_CLOSED).size());
    assertEquals(1, d.of(ProbeDiff.Kind.BANNER_CHANGED).size());
    assertEquals(1, d.of(ProbeDiff.Kind.AUTH_METHODS_CHANGED).size());
    assertEquals(2, d.newExposures().size(), d.newExposures().toString());
    assertTrue(d.hasNewExposure());
    assertTrue(ProbeDiff.compare(before, before).isEmpty());
    // closing things is never a new exposure
    assertFalse(ProbeDiff.compare(report(b22, b2222), report(a22, a2222)).hasNewExposure());
  }

  @Test
  void noneExposureFailsWhenAnyVantageReachesThePort() {
    ExposurePolicy none = ExposurePolicy.of(Exposure.NONE);
    List<Finding> f =
        ExposureFindings.evaluate(
            none,
            List.of(
                result("local", 22, PortVerdict.OPEN, List.of("publickey")),
                result("edge-vm", 22, PortVerdict.FILTERED, null)),
            VANTAGES);
    assertEquals(ExposureFindings.SSH_PORT, f.get(0).check());
    assertEquals(Status.FAIL, f.get(0).status());
    assertTrue(f.get(0).reason().contains("reachable from local but must not be"));
    assertEquals(2, f.get(0).evidence().size());
    assertTrue(f.get(0).evidence().get(0).text().contains("OpenSSH_9.2p1"));
    assertEquals(Status.PASS, f.get(1).status()); // publickey only
  }

  @Test
  void internalExposurePassesWhenOnlyInternalVantagesReachAndAllowsPasswordThere() {
    ExposurePolicy internal = ExposurePolicy.of(Exposure.INTERNAL);
    List<Finding> f =
        ExposureFindings.evaluate(
            internal,
            List.of(
                result("local", 22, PortVerdict.OPEN, List.of("publickey", "password")),
                result("edge-vm", 22, PortVerdict.CLOSED, null)),
            VANTAGES);
    assertEquals(Status.PASS, f.get(0).status(), f.get(0).reason());
    assertEquals(Status.PASS, f.get(1).status(), f.get(1).reason());
  }

  @Test
  void passwordOfferedToAPublicVantageFailsEvenWhenExposureIsPublic() {
    ExposurePolicy pub = ExposurePolicy.of(Exposure.PUBLIC);
    List<Finding> f =
        ExposureFindings.evaluate(
            pub,
            List.of(
                result(
                    "edge-vm", 22, PortVerdict.OPEN, List.of("publickey", "keyboard-interactive"))),
            VANTAGES);
    assertEquals(Status.PASS, f.get(0).status());
    assertEquals(ExposureFindings.PASSWORD_AUTH, f.get(1).check());
    assertEquals(Status.FAIL, f.get(1).status());
    assertTrue(f.get(1).reason().contains("public vantage"), f.get(1).reason());
  }

  @Test
  void aPublicHostOfferingPasswordsFailsEvenWhenOnlyAnInternalVantageSawIt() {
    List<Finding> f =
        ExposureFindings.evaluate(
            ExposurePolicy.of(Exposure.PUBLIC),
            List.of(result("local", 22, PortVerdict.OPEN, List.of("publickey", "password"))),
            VANTAGES);
    assertEquals(Status.FAIL, f.get(1).status(), f.get(1).reason());
    assertTrue(f.get(1).reason().contains("declared exposure: public"), f.get(1).reason());
    assertTrue(f.get(1).reason().contains("from local"), f.get(1).reason());
  }

  static PublicSourceAuth hostSide(PublicSourceAuth.Offer offer, String reason) {
    return new PublicSourceAuth(
        offer,
        reason,
        List.of(Evidence.of("sshd -T -C user=u", 3, "passwordauthentication no", "")));
  }

  @Test
  void aMatchAddressExceptionProvenBySshdPassesAPublicHostSeenFromInside() {
    List<PortResult> seen =
        List.of(result("local", 22, PortVerdict.OPEN, List.of("publickey", "password")));
    Finding pass =
        ExposureFindings.evaluate(
                ExposurePolicy.of(Exposure.PUBLIC),
                seen,
                VANTAGES,
                hostSide(
                    PublicSourceAuth.Offer.NOT_OFFERED,
                    "Match Address 10.0.0.0/8 at /etc/ssh/sshd_config.d/60-x.conf:3 sets"
                        + " PasswordAuthentication yes only for the sources it matches"))
            .get(1);
    assertEquals(Status.PASS, pass.status(), pass.reason());
    assertTrue(
        pass.reason().contains("internal vantages only (10.1.2.3:22 from local)"), pass.reason());
    assertTrue(pass.reason().contains("60-x.conf:3"), pass.reason());
    assertTrue(pass.evidence().stream().anyMatch(e -> e.source().startsWith("sshd -T -C")));
    // sshd says a public source is offered passwords too: the fail says so
    Finding offered =
        ExposureFindings.evaluate(
                ExposurePolicy.of(Exposure.PUBLIC),
                seen,
                VANTAGES,
                hostSide(
                    PublicSourceAuth.Offer.OFFERED,
                    "sshd -T -C ... a public source is offered password"))
            .get(1);
    assertEquals(Status.FAIL, offered.status(), offered.reason());
    assertTrue(offered.reason().contains("a public source is offered password"), offered.reason());
    // only the files say so (sshd could not run without root): not proven either way
    Finding files =
        ExposureFindings.evaluate(
                ExposurePolicy.of(Exposure.PUBLIC),
                seen,
                VANTAGES,
                hostSide(PublicSourceAuth.Offer.NOT_OFFERED_BY_FILES, "sshd -T -C failed (exit 1)"))
            .get(1);
    assertEquals(Status.UNKNOWN, files.status(), files.reason());
    assertTrue(files.reason().contains("sudo: true"), files.reason());
    // sshd could not be asked and the files tell nothing: the fail stands, with the reason
    Finding unknown =
        ExposureFindings.evaluate(
                ExposurePolicy.of(Exposure.PUBLIC),
                seen,
                VANTAGES,
                hostSide(PublicSourceAuth.Offer.UNKNOWN, "sshd -T -C was not collected"))
            .get(1);
    assertEquals(Status.FAIL, unknown.status(), unknown.reason());
    assertTrue(unknown.reason().contains("no Match block was proven"), unknown.reason());
  }

  @Test
  void aPublicVantageOfferedPasswordsFailsWhateverSshdSaysForOtherSources() {
    Finding f =
        ExposureFindings.evaluate(
                ExposurePolicy.of(Exposure.PUBLIC),
                List.of(result("edge-vm", 22, PortVerdict.OPEN, List.of("publickey", "password"))),
                VANTAGES,
                hostSide(PublicSourceAuth.Offer.NOT_OFFERED, "sshd -T -C says no"))
            .get(1);
    assertEquals(Status.FAIL, f.status(), f.reason());
    assertTrue(f.reason().contains("to a public vantage"), f.reason());
  }

  @Test
  void passwordsOfferedWithoutADeclaredExposureAreNeverAPass() {
    List<Finding> f =
        ExposureFindings.evaluate(
            ExposurePolicy.of(null),
            List.of(
                result(
                    "local", 22, PortVerdict.OPEN, List.of("publickey", "keyboard-interactive"))),
            VANTAGES);
    assertEquals(Status.UNKNOWN, f.get(1).status(), f.get(1).reason());
    assertTrue(f.get(1).reason().contains("declare exposure"), f.get(1).reason());
    // without passwords there is nothing to judge: still a pass
    List<Finding> g =
        ExposureFindings.evaluate(
            ExposurePolicy.of(null),
            List.of(result("local", 22, PortVerdict.OPEN, List.of("publickey"))),
            VANTAGES);
    assertEquals(Status.PASS, g.get(1).status(), g.get(1).reason());
  }

  @Test
  void unresolvableIsUnknownAndMissingExposureIsNotApplicable() {
    List<Finding> f =
        ExposureFindings.evaluate(
            ExposurePolicy.of(Exposure.NONE),
            List.of(result("local", 22, PortVerdict.UNRESOLVABLE, null)),
            VANTAGES);
    assertEquals(Status.UNKNOWN, f.get(0).status());
    assertEquals(Status.NOT_APPLICABLE, f.get(1).status());
    List<Finding> g =
        ExposureFindings.evaluate(
            ExposurePolicy.of(null),
            List.of(result("local", 22, PortVerdict.OPEN, List.of("publickey"))),
            VANTAGES);
    assertEquals(Status.NOT_APPLICABLE, g.get(0).status());
  }

  @Test
  void explicitVantageListsOverrideExposureAndOpenWithoutMethodsIsUnknown() {
    ExposurePolicy p =
        new ExposurePolicy(Exposure.PUBLIC, null, List.of(), Set.of(), Set.of("edge-vm"));
    List<Finding> f =
        ExposureFindings.evaluate(
            p, List.of(result("edge-vm", 22, PortVerdict.OPEN, null)), VANTAGES);
    assertEquals(Status.FAIL, f.get(0).status());
    assertEquals(Status.UNKNOWN, f.get(1).status());
  }

  @Test
  void targetsCoverEveryPortAndThePublicAddressFromOutsideVantages() {
    ExposurePolicy p =
        new ExposurePolicy(Exposure.INTERNAL, "203.0.113.7", List.of(2222, 22), Set.of(), Set.of());
    List<ProbeTarget> t = ProbeTargets.forHost("web1", "10.1.2.3", 22, p, List.of(LOCAL, INTERNET));
    assertEquals(
        List.of(
            "local 10.1.2.3:22",
            "local 10.1.2.3:2222",
            "edge-vm 203.0.113.7:22",
            "edge-vm 203.0.113.7:2222",
            "edge-vm 10.1.2.3:22",
            "edge-vm 10.1.2.3:2222"),
        t.stream().map(x -> x.vantage() + " " + x.endpoint()).toList());
  }
}
