package io.auditgap.facts;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import java.util.Optional;

/**
 * What the host is, as the collector saw it: for every report to say which machine it describes.
 * Empty strings where a value was not seen.
 *
 * @param os {@code PRETTY_NAME} of {@code /etc/os-release} (else NAME VERSION)
 * @param kernel {@code uname -r}
 * @param arch {@code uname -m}
 * @param virtualization the hypervisor as {@code systemd-detect-virt -v} names it ({@code kvm},
 *     {@code vmware}, ...), empty where the evidence names none (see {@link Virtualization})
 * @param containment the container decision with its evidence
 * @param init PID 1's command name ({@code systemd}, {@code sshd} in a namespace, ...)
 * @param hostTime the host's clock when the collector ran (UTC, ISO-8601)
 */
public record HostIdentity(
    String os,
    String kernel,
    String arch,
    String virtualization,
    Containment containment,
    String init,
    String hostTime) {

  /** Nothing known (a host that could not be reached). */
  public static final HostIdentity UNKNOWN = new HostIdentity("", "", "", "", null, "", "");

  public static HostIdentity of(HostSnapshot s) {
    String os = "";
    Optional<SnapshotItem> rel = s.file("/etc/os-release");
    if (rel.isPresent() && rel.get().isComplete()) {
      String pretty = value(rel.get().text(), "PRETTY_NAME");
      os =
          !pretty.isEmpty()
              ? pretty
              : (value(rel.get().text(), "NAME") + " " + value(rel.get().text(), "VERSION"))
                  .strip();
    }
    String ident =
        s.command("identity").filter(i -> i.problem() == null).map(i -> i.text()).orElse("");
    String arch =
        s.command("uname -m")
            .filter(i -> i.problem() == null)
            .map(i -> i.text().strip())
            .orElse("");
    return new HostIdentity(
        os,
        value(ident, "kernel"),
        arch,
        Virtualization.of(ident),
        Containment.of(s),
        value(ident, "init"),
        value(ident, "time"));
  }

  /** One line for people: {@code Debian GNU/Linux 12 (bookworm), kernel 6.1.0, x86_64, ...}. */
  public String describe() {
    StringBuilder sb = new StringBuilder(os.isEmpty() ? "unknown OS" : os);
    if (!kernel.isEmpty()) {
      sb.append(", kernel ").append(kernel);
    }
    if (!arch.isEmpty()) {
      sb.append(", ").append(arch);
    }
    if (!virtualization.isEmpty() && !virtualization.equals("none")) {
      sb.append(", virtualization ").append(virtualization);
    }
    if (containment != null && containment.container()) {
      sb.append(", container ").append(containment.type());
    }
    if (!init.isEmpty()) {
      sb.append(", init ").append(init);
    }
    return sb.toString();
  }

  /** {@code KEY=value} (os-release quoting removed), or empty. */
  static String value(String text, String key) {
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith(key + "=")) {
        String v = line.substring(key.length() + 1).strip();
        if (v.length() >= 2
            && (v.charAt(0) == '"' || v.charAt(0) == '\'')
            && v.charAt(v.length() - 1) == v.charAt(0)) {
          v = v.substring(1, v.length() - 1);
        }
        return v;
      }
    }
    return "";
  }
}
