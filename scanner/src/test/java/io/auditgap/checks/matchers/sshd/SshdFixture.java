package io.auditgap.checks.matchers.sshd;

import io.auditgap.collect.SnapshotItem;
import io.auditgap.testing.SnapshotBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds a snapshot from a fixture case under {@code fixtures/sshd/<case>}: the config files as the
 * collector reports them and the real sshd outputs captured by {@code capture.sh}.
 */
public final class SshdFixture {
  static final Path ROOT = Path.of("src/test/resources/fixtures/sshd");

  private SshdFixture() {}

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Config files only (as a non-root collector sees them): sshd -T fails for lack of host keys. */
  public static SnapshotBuilder filesOnly(String name) {
    Path c = ROOT.resolve(name);
    SnapshotBuilder b =
        SnapshotBuilder.host(name)
            .cmd("container", 0, "none\n")
            .file("/etc/ssh/sshd_config", read(c.resolve("etc/ssh/sshd_config")))
            .fileStatus("/etc/crypto-policies/back-ends/opensshserver.config", SnapshotItem.ABSENT);
    Path d = c.resolve("etc/ssh/sshd_config.d");
    StringBuilder listing = new StringBuilder();
    List<Path> files = List.of();
    if (Files.isDirectory(d)) {
      try (Stream<Path> s = Files.list(d)) {
        files = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (Path f : files) {
      listing.append("f\t").append(f.getFileName()).append('\n');
    }
    b.dir("/etc/ssh/sshd_config.d", listing.toString());
    for (Path f : files) {
      b.file("/etc/ssh/sshd_config.d/" + f.getFileName(), read(f));
    }
    return b.cmd("sshd -T", 0, "sshd: no hostkeys available -- exiting.\nsshd-exit=1\n")
        .cmd(
            "sshd -T -C audited users",
            0,
            "== user=root exit=1\nsshd: no hostkeys available -- exiting.\n");
  }

  /** Files plus the real outputs of sshd -T and sshd -T -C captured as root. */
  public static SnapshotBuilder asRoot(String name) {
    Path cap = ROOT.resolve(name).resolve("captured");
    return filesOnly(name)
        .cmd("sshd -T", 0, withTrailer(cap, "sshd-T"))
        .cmd("sshd -T -C audited users", 0, read(cap.resolve("sshd-T-C.txt")));
  }

  /** The captured output followed by the trailer the collector item appends. */
  private static String withTrailer(Path cap, String name) {
    return read(cap.resolve(name + ".txt"))
        + "sshd-exit="
        + read(cap.resolve(name + ".status")).strip()
        + "\n";
  }
}
