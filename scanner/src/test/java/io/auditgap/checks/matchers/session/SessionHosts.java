package io.auditgap.checks.matchers.session;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Matcher;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.pam.PamConfigSource;
import io.auditgap.facts.pam.PamFixtures;
import io.auditgap.testing.SnapshotBuilder;
import java.util.Map;

/** Hosts built from the real fixture files, as the collector would report them. */
final class SessionHosts {
  static final String PASSWD =
      "root:x:0:0:root:/root:/bin/bash\n"
          + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
          + "sshd:x:100:65534::/run/sshd:/usr/sbin/nologin\n"
          + "alice:x:1000:1000:Alice:/home/alice:/bin/bash\n"
          + "bob:x:1001:1001:Bob:/home/bob:/bin/bash\n"
          + "svc:x:1002:1002::/srv:/usr/sbin/nologin\n"
          + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
  static final String MODULES_DEBIAN =
      "/usr/lib/x86_64-linux-gnu/security/pam_tty_audit.so\n"
          + "/usr/lib/x86_64-linux-gnu/security/pam_loginuid.so\n#done\n";

  private SessionHosts() {}

  /** A Debian 12 host as installed: openssh-server, libpam-runtime defaults, two users. */
  static SnapshotBuilder debian(Map<String, String> pamD) {
    SnapshotBuilder b =
        SnapshotBuilder.host("debian12")
            .cmd("container", 0, "none\n")
            .dirStatus(PamConfigSource.VENDOR, SnapshotItem.ABSENT)
            .file("/etc/ssh/sshd_config", PamFixtures.read("pam/debian12/sshd_config"))
            .dir("/etc/ssh/sshd_config.d", "")
            .file("/etc/passwd", PASSWD)
            .file("/etc/shells", PamFixtures.read("pam/debian12/shells"))
            .file("/etc/login.defs", PamFixtures.read("pam/debian12/login.defs"))
            .file("/etc/group", "root:x:0:\nsudo:x:27:alice\nwheel:x:10:bob\n")
            .cmd("pam modules", 0, MODULES_DEBIAN);
    return PamFixtures.dir(b, PamConfigSource.ETC, pamD);
  }

  static SnapshotBuilder rhel(Map<String, String> pamD) {
    SnapshotBuilder b =
        SnapshotBuilder.host("rhel9")
            .cmd("container", 0, "none\n")
            .dirStatus(PamConfigSource.VENDOR, SnapshotItem.ABSENT)
            .cmd("sshd -T", 0, "port 22\nusepam yes\nsyslogfacility AUTHPRIV\n")
            .file("/etc/passwd", PASSWD)
            .file("/etc/shells", "/bin/sh\n/bin/bash\n/usr/bin/sh\n/usr/bin/bash\n")
            .file("/etc/login.defs", "UID_MIN                  1000\n")
            .file("/etc/group", "wheel:x:10:alice\n")
            .cmd(
                "pam modules",
                0,
                "/usr/lib64/security/pam_tty_audit.so\n/usr/lib64/security/pam_loginuid.so\n#done\n");
    return PamFixtures.dir(b, PamConfigSource.ETC, pamD);
  }

  static Verdict eval(Matcher m, SnapshotBuilder b) {
    return m.evaluate(CheckParams.empty(), new Facts(b.build()));
  }

  static Verdict eval(Matcher m, SnapshotBuilder b, Map<String, Object> params) {
    return m.evaluate(new CheckParams(params), new Facts(b.build()));
  }
}
