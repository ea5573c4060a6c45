package io.auditgap.facts.pam;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Observed;
import java.util.Optional;

/**
 * Finds the file libpam reads for a service or include name: {@code /etc/pam.d/NAME}, else the
 * vendor directory {@code /usr/lib/pam.d/NAME} (openSUSE Tumbleweed, SLE 16, and any libpam built
 * with {@code --enable-vendordir}); an absolute name is read as given. A file in /etc/pam.d hides
 * the vendor file of the same name.
 */
public final class PamConfigSource {
  public static final String ETC = "/etc/pam.d";
  public static final String VENDOR = "/usr/lib/pam.d";

  private final HostSnapshot snapshot;

  public PamConfigSource(HostSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /** The parsed file, empty when neither directory has it, unseen when that cannot be told. */
  public Observed<Optional<PamFile>> lookup(String name) {
    if (name.startsWith("/")) {
      return fileAt(name);
    }
    if (name.isEmpty() || name.contains("/")) {
      return Observed.seen(Optional.empty());
    }
    Observed<Optional<PamFile>> etc = inDirectory(ETC, name);
    if (!etc.isSeen() || etc.value().isPresent()) {
      return etc;
    }
    return inDirectory(VENDOR, name);
  }

  private Observed<Optional<PamFile>> inDirectory(String dir, String name) {
    Optional<SnapshotItem> listing = snapshot.directory(dir);
    if (listing.isEmpty()) {
      return Observed.unseen(snapshot.missingReason(dir));
    }
    SnapshotItem l = listing.get();
    if (l.exitStatus() == SnapshotItem.ABSENT) {
      return Observed.seen(Optional.empty());
    }
    if (l.problem() != null) {
      return Observed.unseen(l.problem());
    }
    if (!listed(l.text(), name)) {
      return Observed.seen(Optional.empty());
    }
    return fileAt(dir + "/" + name);
  }

  private Observed<Optional<PamFile>> fileAt(String path) {
    Optional<SnapshotItem> item = snapshot.file(path);
    if (item.isEmpty()) {
      return Observed.unseen(snapshot.missingReason(path));
    }
    SnapshotItem it = item.get();
    if (it.exitStatus() == SnapshotItem.ABSENT) {
      return Observed.seen(Optional.empty());
    }
    if (!it.isComplete()) {
      return Observed.unseen(it.problem() == null ? path + ": incomplete" : it.problem());
    }
    return Observed.seen(Optional.of(PamFileParser.parse(path, it.text())));
  }

  /** The directory listing has {@code type<TAB>name} lines; a dangling link has no content. */
  private static boolean listed(String listing, String name) {
    for (String line : listing.split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0 && line.substring(tab + 1).equals(name)) {
        return true;
      }
    }
    return false;
  }
}
