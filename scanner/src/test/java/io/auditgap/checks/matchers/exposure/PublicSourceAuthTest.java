package io.auditgap.checks.matchers.exposure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.matchers.exposure.PublicSourceAuth.Offer;
import io.auditgap.checks.matchers.sshd.SshdFixture;
import io.auditgap.facts.Facts;
import io.auditgap.testing.SnapshotBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a public source is offered, from the real sshd 9.2 outputs and files of fixtures/sshd (see
 * its SOURCES.md): sshd's own answer first, the files to cite the deciding lines, the files alone
 * only as an unconfirmed answer.
 */
class PublicSourceAuthTest {
  private static PublicSourceAuth of(SnapshotBuilder b, String user) {
    return PublicSourceAuth.of(new Facts(b.build()), user);
  }

  private static String locations(PublicSourceAuth a) {
    return a.evidence().stream().map(Evidence::location).toList().toString();
  }

  @Test
  void aMatchAddressBlockThatOffersPasswordsOnlyInsideIsProvenBySshdAndCited() {
    PublicSourceAuth a = of(SshdFixture.asRoot("password-internal-only"), "alice");
    assertEquals(Offer.NOT_OFFERED, a.offer(), a.reason());
    String r = a.reason();
    assertTrue(
        r.startsWith(
            "sshd -T -C user=alice,host=unknown,addr=203.0.113.1 prints"
                + " passwordauthentication no, kbdinteractiveauthentication no"),
        r);
    assertTrue(
        r.contains(
            "PasswordAuthentication no (/etc/ssh/sshd_config.d/60-internal-passwords.conf:2)"
                + " decides for a public source"),
        r);
    assertTrue(
        r.contains(
            "Match Address 10.0.0.0/8,192.168.0.0/16 at"
                + " /etc/ssh/sshd_config.d/60-internal-passwords.conf:3 sets PasswordAuthentication"
                + " yes only for the sources it matches"),
        r);
    // Debian's shipped KbdInteractiveAuthentication no decides keyboard-interactive
    assertTrue(r.contains("KbdInteractiveAuthentication no (/etc/ssh/sshd_config:"), r);
    assertTrue(
        locations(a).contains("/etc/ssh/sshd_config.d/60-internal-passwords.conf:4"), locations(a));
  }

  @Test
  void aMatchBlockThatRefusesEveryOtherSourceIsTheDecider() {
    PublicSourceAuth a = of(SshdFixture.asRoot("password-outside-refused"), "root");
    assertEquals(Offer.NOT_OFFERED, a.offer(), a.reason());
    assertTrue(
        a.reason()
            .contains(
                "PasswordAuthentication no (Match Address *,!10.0.0.0/8,!192.168.0.0/16 at"
                    + " /etc/ssh/sshd_config.d/60-no-outside-passwords.conf:2) decides for a public"
                    + " source"),
        a.reason());
  }

  @Test
  void debianDefaultsAndCloudInitOfferPasswordsToEveryone() {
    PublicSourceAuth d = of(SshdFixture.asRoot("debian12"), "alice");
    assertEquals(Offer.OFFERED, d.offer(), d.reason());
    assertTrue(d.reason().contains("a public source is offered password"), d.reason());
    PublicSourceAuth u = of(SshdFixture.asRoot("ubuntu2404-cloud"), "alice");
    assertEquals(Offer.OFFERED, u.offer(), u.reason());
    assertTrue(
        u.reason().contains("(/etc/ssh/sshd_config.d/50-cloud-init.conf:1) decides"), u.reason());
  }

  @Test
  void withoutRootTheFilesAloneNeverProveTheException() {
    PublicSourceAuth a = of(SshdFixture.filesOnly("password-internal-only"), "root");
    assertEquals(Offer.NOT_OFFERED_BY_FILES, a.offer(), a.reason());
    assertTrue(a.reason().contains("failed (exit 1: sshd: no hostkeys available"), a.reason());
    assertTrue(a.reason().contains("60-internal-passwords.conf:3"), a.reason());
    // where the files say passwords are offered to everyone, that is the answer
    PublicSourceAuth d = of(SshdFixture.filesOnly("debian12"), "root");
    assertEquals(Offer.OFFERED, d.offer(), d.reason());
  }

  @Test
  void aLoginUserSshdWasNotAskedAboutFallsBackToTheFiles() {
    PublicSourceAuth a = of(SshdFixture.asRoot("password-internal-only"), "deploy");
    assertEquals(Offer.NOT_OFFERED_BY_FILES, a.offer(), a.reason());
    assertTrue(
        a.reason()
            .startsWith(
                "the collector did not run sshd -T -C user=deploy,host=unknown,addr=203.0.113.1"),
        a.reason());
  }

  @Test
  void nothingCollectedIsUnknown() {
    PublicSourceAuth a = of(SnapshotBuilder.host("bare").cmd("container", 0, "none\n"), "root");
    assertEquals(Offer.UNKNOWN, a.offer(), a.reason());
    assertTrue(a.reason().contains("was not collected"), a.reason());
  }

  @Test
  void authenticationMethodsOfferAPasswordOnlyWhenItComesFirst() {
    assertEquals(List.of("password"), PublicSourceAuth.offered("yes", "no", "any"));
    assertEquals(List.of(), PublicSourceAuth.offered("yes", "yes", "publickey,password"));
    assertEquals(List.of("password"), PublicSourceAuth.offered("yes", "no", "publickey password"));
    assertEquals(
        List.of("keyboard-interactive"),
        PublicSourceAuth.offered("no", "yes", "keyboard-interactive:pam,publickey"));
    assertEquals(List.of(), PublicSourceAuth.offered("no", "yes", "password"));
  }
}
