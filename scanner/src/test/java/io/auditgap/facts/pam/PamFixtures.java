package io.auditgap.facts.pam;

import io.auditgap.testing.SnapshotBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Real files from src/test/resources/fixtures (see SOURCES.md there) and directory helpers. */
public final class PamFixtures {
  private PamFixtures() {}

  public static String read(String path) {
    try (InputStream in =
        PamFixtures.class.getClassLoader().getResourceAsStream("fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A directory as the collector reports it: the listing plus one file item per regular file. */
  public static SnapshotBuilder dir(SnapshotBuilder b, String dir, Map<String, String> files) {
    StringBuilder listing = new StringBuilder();
    for (Map.Entry<String, String> e : files.entrySet()) {
      listing.append("f\t").append(e.getKey()).append('\n');
      b.file(dir + "/" + e.getKey(), e.getValue());
    }
    return b.dir(dir, listing.toString());
  }

  /** Debian 12's shipped sshd stack files, editable by the caller. */
  public static Map<String, String> debian12PamD() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("common-session", read("pam/debian12/common-session"));
    m.put("other", read("pam/debian12/other"));
    m.put("sshd", read("pam/debian12/sshd"));
    m.put("sudo", read("pam/debian12/sudo"));
    // the auth/account/password includes sshd names; their content does not matter for sessions
    m.put("common-auth", "auth\trequired\tpam_unix.so\n");
    m.put("common-account", "account\trequired\tpam_unix.so\n");
    m.put("common-password", "password\trequired\tpam_unix.so\n");
    m.put("common-session-noninteractive", "session\trequired\tpam_unix.so\n");
    return m;
  }

  /** RHEL 9's sshd stack: openssh's sshd file plus authselect's sssd profile output. */
  public static Map<String, String> rhel9PamD() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("password-auth", read("pam/rhel9/password-auth"));
    m.put("postlogin", read("pam/rhel9/postlogin"));
    m.put("sshd", read("pam/rhel9/sshd"));
    m.put("system-auth", read("pam/rhel9/system-auth"));
    return m;
  }

  /** Inserts a line after the first line containing {@code anchor}. */
  public static String insertAfter(String text, String anchor, String line) {
    int at = text.indexOf(anchor);
    if (at < 0) {
      throw new IllegalArgumentException("anchor not found: " + anchor);
    }
    int eol = text.indexOf('\n', at);
    return text.substring(0, eol + 1) + line + "\n" + text.substring(eol + 1);
  }

  /** Inserts a line before the first line containing {@code anchor}. */
  public static String insertBefore(String text, String anchor, String line) {
    int at = text.indexOf(anchor);
    int bol = text.lastIndexOf('\n', at) + 1;
    return text.substring(0, bol) + line + "\n" + text.substring(bol);
  }
}
