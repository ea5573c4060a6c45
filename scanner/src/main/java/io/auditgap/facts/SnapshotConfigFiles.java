package io.auditgap.facts;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ConfigFiles} over a snapshot's {@code file:} and {@code dir:} items. */
public final class SnapshotConfigFiles implements ConfigFiles {
  private final HostSnapshot snapshot;

  public SnapshotConfigFiles(HostSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public Observed<Optional<String>> read(String path) {
    return SnapshotFacts.file(snapshot, path).map(o -> o.map(SnapshotItem::text));
  }

  @Override
  public Observed<List<String>> list(String dir) {
    Optional<SnapshotItem> item = snapshot.directory(dir);
    if (item.isEmpty()) {
      return Observed.unseen(snapshot.missingReason("directory " + dir));
    }
    SnapshotItem it = item.get();
    if (it.exitStatus() == SnapshotItem.ABSENT) {
      return Observed.seen(List.of());
    }
    if (it.problem() != null) {
      return Observed.unseen(it.problem());
    }
    List<String> names = new ArrayList<>();
    for (String line : it.text().split("\n")) {
      String[] f = line.split("\t", 2);
      // glob(3) also returns directories, but sshd then fails to read them; only files matter here
      if (f.length == 2 && (f[0].equals("f") || f[0].equals("l"))) {
        names.add(f[1]);
      }
    }
    return Observed.seen(names);
  }
}
