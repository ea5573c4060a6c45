package io.auditgap.probe;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.checks.matchers.exposure.PublicSourceAuth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one host's probe results into the findings {@code exposure.ssh-port} and {@code
 * exposure.password-auth} (stable ids: outside checks rely on them). Evidence names the vantage,
 * the endpoint, the verdict, the banner and the methods of every result.
 */
public final class ExposureFindings {
  public static final String SSH_PORT = "exposure.ssh-port";
  public static final String PASSWORD_AUTH = "exposure.password-auth";

  private static final Map<String, List<String>> REFS =
      Map.of(
          "cis", List.of("Debian 12 v1.1.0 5.1.x (sshd)"),
          "nist_800_53", List.of("SC-7", "AC-17", "IA-2"),
          "pci_dss_4", List.of("1.3.1", "8.3.1"));

  private ExposureFindings() {}

  /**
   * @param results the host's results (all vantages)
   * @param vantages every vantage by name (for {@link Vantage#internal()})
   */
  public static List<Finding> evaluate(
      ExposurePolicy policy, List<PortResult> results, Map<String, Vantage> vantages) {
    return evaluate(policy, results, vantages, null);
  }

  /**
   * @param hostSide what the host's own sshd offers a public source, or null when the host was not
   *     collected (probe only)
   */
  public static List<Finding> evaluate(
      ExposurePolicy policy,
      List<PortResult> results,
      Map<String, Vantage> vantages,
      PublicSourceAuth hostSide) {
    return List.of(
        sshPort(policy, results, vantages), passwordAuth(policy, results, vantages, hostSide));
  }

  static Finding sshPort(
      ExposurePolicy policy, List<PortResult> results, Map<String, Vantage> vantages) {
    List<Evidence> evidence = new ArrayList<>();
    int fails = 0;
    int unknown = 0;
    int judged = 0;
    List<String> failNotes = new ArrayList<>();
    for (PortResult r : results) {
      Vantage v = vantage(vantages, r.vantage());
      Boolean expected = policy.expectsReachableFrom(v);
      String note;
      if (expected == null) {
        note = "no expected exposure for this vantage";
      } else if (r.verdict() == PortVerdict.UNRESOLVABLE) {
        unknown++;
        note = "unknown: " + r.reason();
      } else {
        judged++;
        boolean reached = r.verdict().reachable();
        if (!reached && expected && policy.probePorts().contains(r.port())) {
          // An extra port (probe_ports) that is closed exposes nothing: only the SSH port must
          // answer where it is expected to.
          note = "extra port not reachable (only its reachability where it must not be counts)";
        } else if (reached == expected) {
          note = (reached ? "reachable, as expected" : "not reachable, as expected");
        } else {
          fails++;
          note =
              reached
                  ? "reachable from " + v.name() + " but must not be"
                  : "not reachable from " + v.name() + " but must be";
          failNotes.add(r.endpoint() + " " + note);
        }
      }
      evidence.add(evidence(r, note));
    }
    Status status;
    String reason;
    if (fails > 0) {
      status = Status.FAIL;
      reason = String.join("; ", failNotes);
    } else if (unknown > 0) {
      status = Status.UNKNOWN;
      reason = unknown + " target(s) could not be resolved";
    } else if (judged == 0) {
      status = results.isEmpty() ? Status.UNKNOWN : Status.NOT_APPLICABLE;
      reason =
          results.isEmpty()
              ? "not probed"
              : "the inventory sets no exposure (public, internal or none) for this host";
    } else {
      status = Status.PASS;
      reason = "reachability matches exposure " + exposureName(policy);
    }
    return new Finding(
        SSH_PORT,
        "SSH port is reachable only from where the inventory expects",
        Severity.HIGH,
        status,
        reason,
        evidence,
        "Adjust the firewall / security group so the SSH port matches the expected exposure ("
            + exposureName(policy)
            + "), or correct the inventory.",
        REFS);
  }

  static Finding passwordAuth(
      ExposurePolicy policy,
      List<PortResult> results,
      Map<String, Vantage> vantages,
      PublicSourceAuth hostSide) {
    List<Evidence> evidence = new ArrayList<>();
    List<String> failNotes = new ArrayList<>();
    List<String> undeclared = new ArrayList<>();
    List<String> internalOnly = new ArrayList<>();
    List<String> unproven = new ArrayList<>();
    int unknown = 0;
    int reachableSsh = 0;
    boolean declaredPublic = policy.exposure() == Exposure.PUBLIC;
    for (PortResult r : results) {
      if (r.verdict() != PortVerdict.OPEN) {
        continue;
      }
      reachableSsh++;
      Vantage v = vantage(vantages, r.vantage());
      Boolean expected = policy.expectsReachableFrom(v);
      boolean exposedWrongly = Boolean.FALSE.equals(expected);
      boolean exposedPublicly = !v.internal();
      // Passwords seen only from inside a host declared public: the host's own sshd, asked for a
      // public source, decides whether the internet is offered them too.
      PublicSourceAuth.Offer outside =
          r.authMethods() != null
                  && r.offersPasswordStyleAuth()
                  && !exposedWrongly
                  && !exposedPublicly
                  && declaredPublic
                  && hostSide != null
              ? hostSide.offer()
              : null;
      String note;
      if (r.authMethods() == null) {
        unknown++;
        note = "methods unknown: " + r.reason();
      } else if (r.authMethods().contains("none")) {
        note = "server accepted authentication method 'none' (no credential at all)";
        failNotes.add(r.endpoint() + " from " + v.name() + ": " + note);
      } else if (outside == PublicSourceAuth.Offer.NOT_OFFERED
          || outside == PublicSourceAuth.Offer.NOT_OFFERED_BY_FILES) {
        boolean proven = outside == PublicSourceAuth.Offer.NOT_OFFERED;
        note =
            "offers "
                + String.join(",", r.authMethods())
                + " to "
                + v.name()
                + (proven
                    ? "; sshd refuses it to a public source (see the sshd -T -C evidence)"
                    : "; the configuration files say a public source is refused, sshd did not"
                        + " confirm");
        (proven ? internalOnly : unproven).add(r.endpoint() + " from " + v.name());
      } else if (r.offersPasswordStyleAuth()
          && (exposedWrongly || exposedPublicly || declaredPublic)) {
        // A host declared public is reached from anywhere: what one vantage is offered, the
        // internet is offered too, whichever vantage happened to see it.
        note =
            "offers "
                + String.join(",", r.authMethods())
                + (exposedPublicly
                    ? " to a public vantage"
                    : declaredPublic
                        ? " on a host declared exposure: public (seen from "
                            + v.name()
                            + "; a public source reaches the same sshd)"
                        : " on a port " + v.name() + " must not reach");
        failNotes.add(r.endpoint() + " from " + v.name() + ": " + note);
      } else if (r.offersPasswordStyleAuth() && expected == null) {
        note =
            "offers "
                + String.join(",", r.authMethods())
                + "; the inventory declares no exposure for this host, so whether that is"
                + " acceptable cannot be judged";
        undeclared.add(r.endpoint() + " from " + v.name());
      } else if (r.offersPasswordStyleAuth()) {
        note =
            "password-style auth offered to "
                + v.name()
                + ", an internal vantage the inventory expects to reach the port (exposure "
                + exposureName(policy)
                + ")";
      } else {
        note = "no password-style authentication offered";
      }
      evidence.add(evidence(r, note));
    }
    boolean hostSideMatters =
        declaredPublic
            && hostSide != null
            && results.stream()
                .anyMatch(r -> r.verdict() == PortVerdict.OPEN && r.offersPasswordStyleAuth());
    if (hostSideMatters) {
      evidence.addAll(hostSide.evidence());
    }
    Status status;
    String reason;
    if (!failNotes.isEmpty()) {
      status = Status.FAIL;
      reason = String.join("; ", failNotes);
      if (hostSideMatters && hostSide.offer() == PublicSourceAuth.Offer.OFFERED) {
        reason += "; " + hostSide.reason();
      } else if (hostSideMatters && hostSide.offer() == PublicSourceAuth.Offer.UNKNOWN) {
        reason +=
            "; no Match block was proven to refuse it to a public source: " + hostSide.reason();
      }
    } else if (unknown > 0) {
      status = Status.UNKNOWN;
      reason = "authentication methods of " + unknown + " open SSH port(s) could not be learned";
    } else if (!unproven.isEmpty()) {
      status = Status.UNKNOWN;
      reason =
          "password-style authentication is offered ("
              + String.join(", ", unproven)
              + ") on a host declared exposure: public; "
              + hostSide.reason()
              + "; collect as root (sudo: true) so that sshd itself can confirm it";
    } else if (!undeclared.isEmpty()) {
      status = Status.UNKNOWN;
      reason =
          "password-style authentication is offered ("
              + String.join(", ", undeclared)
              + ") and the inventory declares no exposure for this host: declare exposure:"
              + " public, internal or none to judge it";
    } else if (reachableSsh == 0) {
      status = results.isEmpty() ? Status.UNKNOWN : Status.NOT_APPLICABLE;
      reason = results.isEmpty() ? "not probed" : "no SSH port reachable from any vantage";
    } else if (!internalOnly.isEmpty()) {
      status = Status.PASS;
      reason =
          "password-style authentication is offered to internal vantages only ("
              + String.join(", ", internalOnly)
              + "); "
              + hostSide.reason();
    } else {
      status = Status.PASS;
      reason = "no password-style authentication offered where it matters";
    }
    return new Finding(
        PASSWORD_AUTH,
        "No password or keyboard-interactive login on SSH ports reachable publicly or unexpectedly",
        Severity.CRITICAL,
        status,
        reason,
        evidence,
        "Set 'PasswordAuthentication no' and 'KbdInteractiveAuthentication no' in sshd_config (or in a"
            + " Match block for the exposed addresses), or close the port to that vantage.",
        REFS);
  }

  private static Vantage vantage(Map<String, Vantage> vantages, String name) {
    Vantage v = vantages.get(name);
    return v != null ? v : new Vantage(name, false); // unknown vantage: treated as outside
  }

  private static String exposureName(ExposurePolicy p) {
    return p.exposure() == null ? "unset" : p.exposure().id();
  }

  static Evidence evidence(PortResult r, String note) {
    StringBuilder text = new StringBuilder(r.verdict().id());
    text.append(" in ").append(r.latencyMs()).append(" ms");
    if (r.banner() != null) {
      text.append("; banner: ").append(r.banner());
    }
    if (r.authMethods() != null) {
      text.append("; auth methods: ").append(String.join(",", r.authMethods()));
    }
    if (r.hostKeyFingerprint() != null) {
      text.append("; host key: ").append(r.hostKeyFingerprint());
    }
    if (r.reason() != null && !r.verdict().reachable()) {
      text.append("; ").append(r.reason());
    }
    return Evidence.of(
        "probe from " + r.vantage() + " to " + r.endpoint(), 0, text.toString(), note);
  }
}
