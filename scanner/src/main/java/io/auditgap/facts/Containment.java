package io.auditgap.facts;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the host is a container for the purpose of the checks, decided from evidence that matters
 * to them rather than from one marker.
 *
 * <p>Container markers ({@code /.dockerenv}, {@code /run/.containerenv}, {@code
 * /run/host/container-manager}, {@code /run/systemd/container}, OpenVZ's {@code /proc/vz}, a WSL
 * kernel, PID 1's {@code container=}, a Kubernetes service account; {@code systemd-detect-virt
 * -c}'s answer in bundles of earlier collectors) say what the host looks like. What the kernel
 * checks need is the kernel audit interface: when {@code auditctl -s} answers with a status, the
 * kernel's audit is reachable from here and its checks apply, whatever the markers say (a VM image
 * built with a stray {@code /.dockerenv}). When it refuses (permission, netlink error) as root, the
 * markers are confirmed. When it could not be asked (auditctl not installed, not root), the markers
 * decide and the decision is marked uncertain.
 *
 * @param container true when kernel checks are not applicable here
 * @param type {@code systemd-nspawn}, {@code docker}, {@code podman}, {@code lxc}, {@code
 *     kubernetes}, ... or {@code none}
 * @param certain false when the kernel audit interface could not confirm the markers
 * @param markers the markers seen, as collected ({@code dockerenv: /.dockerenv})
 * @param kernelAudit what the kernel audit interface said, in words
 * @param summary the decision and its evidence in one sentence
 */
public record Containment(
    boolean container,
    String type,
    boolean certain,
    List<String> markers,
    String kernelAudit,
    String summary) {
  public Containment {
    markers = List.copyOf(markers);
  }

  /** How the kernel audit interface answered {@code auditctl -s}. */
  enum KernelAudit {
    ANSWERS,
    REFUSED,
    NOT_ASKED
  }

  public static Containment of(HostSnapshot s) {
    List<String> markers = new ArrayList<>();
    String type = "none";
    Optional<SnapshotItem> item = s.command("container");
    if (item.isPresent() && item.get().problem() == null) {
      for (String raw : withPid1Marker(item.get().text()).split("\n")) {
        String line = raw.strip();
        if (line.isEmpty() || line.equals("none") || line.endsWith(": none")) {
          continue;
        }
        if (line.startsWith("virt:")) {
          continue; // virtualization (a VM) is identity, not containment
        }
        markers.add(line);
        if (type.equals("none")) {
          type = typeOf(line);
        }
      }
    }
    String[] audit = kernelAudit(s);
    KernelAudit ka = KernelAudit.valueOf(audit[0]);
    String said = audit[1];
    if (markers.isEmpty()) {
      return new Containment(false, "none", true, markers, said, "not a container: no marker");
    }
    String seen = String.join(", ", markers);
    return switch (ka) {
      case ANSWERS ->
          new Containment(
              false,
              type,
              false,
              markers,
              said,
              "container markers ("
                  + seen
                  + ") but the kernel audit interface answers ("
                  + said
                  + "): judged as a host, kernel checks apply");
      case REFUSED ->
          new Containment(
              true,
              type,
              true,
              markers,
              said,
              type
                  + " container ("
                  + seen
                  + "); the kernel audit interface refuses ("
                  + said
                  + ")");
      case NOT_ASKED ->
          new Containment(
              true,
              type,
              false,
              markers,
              said,
              type
                  + " container by its markers ("
                  + seen
                  + "); uncertain: the kernel audit interface could not be asked ("
                  + said
                  + ")");
    };
  }

  /**
   * The item's text with PID 1's {@code container=} variable, as {@code grep -z} printed it (up to
   * its NUL, newlines in the value included), replaced by a {@code pid1-container:} marker line of
   * the value's first line, at most 64 characters.
   */
  static String withPid1Marker(String text) {
    // where a line starts with it: the first line, or after a newline
    int at = ("\n" + text).indexOf("\ncontainer=");
    if (at < 0) {
      return text;
    }
    int nul = text.indexOf('\0', at);
    int end = nul < 0 ? text.length() : nul + 1;
    String v = text.substring(at + "container=".length(), nul < 0 ? end : nul);
    v = v.indexOf('\n') < 0 ? v : v.substring(0, v.indexOf('\n'));
    v = v.length() > 64 ? v.substring(0, 64) : v;
    return text.substring(0, at) + "pid1-container: " + v + text.substring(end);
  }

  /** [kind, words]: how {@code auditctl -s} answered. */
  private static String[] kernelAudit(HostSnapshot s) {
    Optional<SnapshotItem> item = s.command("auditctl -s");
    if (item.isEmpty()) {
      return new String[] {"NOT_ASKED", "auditctl -s was not collected"};
    }
    SnapshotItem i = item.get();
    if (i.exitStatus() == SnapshotItem.NOT_FOUND) {
      return new String[] {"NOT_ASKED", "auditctl is not installed"};
    }
    if (i.problem() != null) {
      return new String[] {"NOT_ASKED", i.problem()};
    }
    String enabled = null;
    String first = "";
    for (String raw : i.text().split("\n")) {
      String line = raw.strip();
      if (first.isEmpty() && !line.isEmpty()) {
        first = line;
      }
      if (line.startsWith("enabled ")) {
        enabled = line;
      }
    }
    if (enabled != null) {
      return new String[] {"ANSWERS", "auditctl -s: " + enabled};
    }
    if (first.contains("You must be root")) {
      return new String[] {"NOT_ASKED", "auditctl -s needs root"};
    }
    String why = first.isEmpty() ? "no output" : first;
    return new String[] {"REFUSED", "auditctl -s exit " + i.exitStatus() + ": " + why};
  }

  /** Markers whose name says the kind; any other names it by its value. */
  private static final List<Map.Entry<String, String>> KIND_BY_NAME =
      List.of(
          Map.entry("dockerenv", "docker"),
          Map.entry("docker-env", "docker"),
          Map.entry("containerenv", "podman"),
          Map.entry("podman-env", "podman"),
          Map.entry("kubernetes", "kubernetes"),
          Map.entry("openvz", "openvz"),
          Map.entry("wsl", "wsl"));

  private static String typeOf(String marker) {
    String m = marker.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> k : KIND_BY_NAME) {
      if (m.startsWith(k.getKey())) {
        return k.getValue();
      }
    }
    int colon = m.indexOf(':');
    String value = colon < 0 ? m : m.substring(colon + 1).strip();
    if (value.equals("container-other") || value.isEmpty()) {
      return "container";
    }
    return value;
  }
}
