package io.auditgap.scan;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.CollectorLimits;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SealedBundle;
import io.auditgap.collect.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The evidence {@code evaluate} reads: snapshots saved by a scan (with how the scan evaluated them)
 * and bundles that the stand-alone collector script printed (named after their host).
 */
public final class SnapshotInputs {
  private static final String BUNDLE = ".bundle";
  private static final String SNAPSHOT = ".snapshot.json";

  private SnapshotInputs() {}

  /**
   * One host's evidence.
   *
   * @param address how the report names where it came from ({@code snapshot <time>}, {@code bundle
   *     <file>})
   * @param evaluatedWith how the scan that saved it evaluated it, or null (a bundle, an older
   *     snapshot)
   */
  public record Input(HostSnapshot snapshot, String address, EvaluatedWith evaluatedWith) {}

  /**
   * Reads every file named, and every snapshot and bundle directly inside a directory named.
   *
   * @param known the items this auditgap reads (a bundle whose command outputs came from other
   *     definitions of them is refused)
   * @throws RequestException naming the file and what is wrong with it
   */
  public static List<Input> read(List<Path> paths, Collection<? extends CollectionItem> known) {
    List<Input> out = new ArrayList<>();
    for (Path file : files(paths)) {
      out.add(read(file, known));
    }
    return out;
  }

  private static Input read(Path file, Collection<? extends CollectionItem> known) {
    try {
      if (isBundle(file)) {
        return new Input(bundle(file, known), "bundle " + file.getFileName(), null);
      }
      SnapshotStore.Saved saved = SnapshotStore.loadSaved(file);
      EvaluatedWith how;
      try {
        how = EvaluatedWith.fromMap(saved.evaluatedWith());
      } catch (IllegalArgumentException e) {
        throw new RequestException(file + ": " + e.getMessage());
      }
      HostSnapshot snap = saved.snapshot();
      return new Input(snap, "snapshot " + snap.collectedAt(), how);
    } catch (IOException e) {
      throw new RequestException(e.getMessage());
    }
  }

  private static boolean isBundle(Path file) {
    return file.getFileName().toString().endsWith(BUNDLE);
  }

  /** A runner's bundle; the host is named after the file, e.g. web-1.bundle is web-1. */
  private static HostSnapshot bundle(Path file, Collection<? extends CollectionItem> known)
      throws IOException {
    String name = file.getFileName().toString();
    String host = name.substring(0, name.length() - BUNDLE.length());
    if (Files.size(file) > CollectorLimits.DEFAULT.maxBundleBytes() + 4096) {
      throw new RequestException(file + ": refused: larger than any bundle the collector writes");
    }
    try {
      return SealedBundle.read(
          Files.readAllBytes(file),
          host,
          Files.getLastModifiedTime(file).toInstant(),
          CollectorLimits.DEFAULT,
          known);
    } catch (SealedBundle.RefusedException e) {
      throw new RequestException(file + ": refused: " + e.getMessage());
    }
  }

  private static List<Path> files(List<Path> inputs) {
    List<Path> out = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(
                  f ->
                      f.getFileName().toString().endsWith(SNAPSHOT)
                          || f.getFileName().toString().endsWith(BUNDLE))
              .sorted()
              .forEach(out::add);
        } catch (IOException e) {
          throw new RequestException(p + ": cannot list: " + e.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new RequestException(p + ": no such snapshot file or directory");
      }
    }
    if (out.isEmpty()) {
      throw new RequestException("no *.snapshot.json or *.bundle files in " + inputs);
    }
    return out;
  }
}
