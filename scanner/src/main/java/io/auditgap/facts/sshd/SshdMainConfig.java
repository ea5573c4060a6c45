package io.auditgap.facts.sshd;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import java.util.Optional;

/**
 * The file sshd starts from. openSUSE and SLE build OpenSSH with a vendor directory
 * (openssh-8.4p1-vendordir.patch): the package installs {@code /usr/etc/ssh/sshd_config}, which
 * includes {@code /etc/ssh/sshd_config.d/*.conf} and {@code /usr/etc/ssh/sshd_config.d/*.conf}, and
 * sshd reads it whenever {@code /etc/ssh/sshd_config} does not exist. Reading only /etc there sees
 * no configuration at all.
 */
public final class SshdMainConfig {
  public static final String ETC = "/etc/ssh/sshd_config";
  public static final String VENDOR = "/usr/etc/ssh/sshd_config";
  public static final String VENDOR_DROP_IN_DIR = "/usr/etc/ssh/sshd_config.d";

  public static final CollectionItem VENDOR_FILE = new CollectionItem.File(VENDOR);
  public static final CollectionItem VENDOR_DROP_INS =
      new CollectionItem.Directory(VENDOR_DROP_IN_DIR);

  /**
   * Shell that sets {@code c} to the file sshd starts from, by the same test as the patched sshd
   * (the vendor file exists and the /etc one does not).
   */
  public static final String SHELL_SELECT =
      "c=" + ETC + "; [ -e \"$c\" ] || [ ! -e " + VENDOR + " ] || c=" + VENDOR + "; ";

  private SshdMainConfig() {}

  /**
   * {@link #VENDOR} when the snapshot shows /etc/ssh/sshd_config absent and the vendor file present
   * (readable or not: an unreadable one must make the setting unseen, not fall back to defaults);
   * {@link #ETC} otherwise.
   */
  public static String path(HostSnapshot s) {
    Optional<SnapshotItem> etc = s.file(ETC);
    if (etc.isPresent() && etc.get().exitStatus() == SnapshotItem.ABSENT) {
      Optional<SnapshotItem> vendor = s.file(VENDOR);
      if (vendor.isPresent() && vendor.get().exitStatus() != SnapshotItem.ABSENT) {
        return VENDOR;
      }
    }
    return ETC;
  }
}
