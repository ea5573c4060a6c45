package io.auditgap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages {@code mvn package} builds, inspected with the real dpkg tools: the .deb's control
 * fields and files, and the unpacked .deb and tarball run: --version, a local scan, the man page
 * and the bash completion. ({@code .ci/run} also installs the .deb with apt-get.)
 */
class PackageIT {
  static final Path TARGET = Path.of("target");
  @TempDir Path tmp;

  static String version() throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        Files.newInputStream(TARGET.resolve("classes/auditgap-version.properties"))) {
      p.load(in);
    }
    return p.getProperty("version");
  }

  static Path deb() throws IOException {
    try (Stream<Path> s = Files.list(TARGET)) {
      List<Path> debs =
          s.filter(p -> p.getFileName().toString().endsWith("_all.deb"))
              .map(Path::toAbsolutePath)
              .toList();
      assertEquals(1, debs.size(), "one auditgap_<version>_all.deb in target/: " + debs);
      return debs.get(0);
    }
  }

  record Run(int code, String out) {}

  Run run(Path dir, String... cmd) throws Exception {
    return run(Map.of(), dir, cmd);
  }

  /**
   * Runs {@code cmd} with {@code env} added; the launchers' cache goes to a temporary directory.
   */
  Run run(Map<String, String> env, Path dir, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", cmd));
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static void requireTool(String name) {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin", name)), name + " is not installed: skipping");
  }

  @Test
  void debianPackageFieldsAndFiles() throws Exception {
    requireTool("dpkg-deb");
    Path deb = deb();
    String debVersion = version().replace('-', '~');
    assertEquals("auditgap_" + debVersion + "_all.deb", deb.getFileName().toString());
    Run fields =
        run(tmp, "dpkg-deb", "-f", deb.toString(), "Package", "Version", "Architecture", "Depends");
    assertEquals(0, fields.code(), fields.out());
    assertEquals(
        "Package: auditgap\nVersion: "
            + debVersion
            + "\nArchitecture: all\nDepends: openjdk-17-jre-headless | java17-runtime-headless\n",
        fields.out());
    Run contents = run(tmp, "dpkg-deb", "-c", deb.toString());
    assertEquals(0, contents.code());
    List<String> files = new ArrayList<>();
    for (String line : contents.out().split("\n")) {
      String[] cols = line.trim().split("\\s+");
      files.add(cols[0].charAt(0) + " " + cols[0] + " " + cols[cols.length - 1]);
    }
    String all = String.join("\n", files);
    for (String expected :
        List.of(
            "- -rwxr-xr-x ./usr/bin/auditgap",
            "- -rw-r--r-- ./usr/share/auditgap/auditgap.jar",
            "- -rw-r--r-- ./usr/share/auditgap/checks/index.yaml",
            "- -rw-r--r-- ./usr/share/auditgap/checks/auditd.yaml",
            "- -rw-r--r-- ./usr/share/auditgap/templates/report.ftlh",
            "- -rw-r--r-- ./usr/share/auditgap/templates/report-print.ftlh",
            "- -rw-r--r-- ./usr/share/man/man1/auditgap.1.gz",
            "- -rw-r--r-- ./usr/share/bash-completion/completions/auditgap",
            "- -rw-r--r-- ./usr/share/zsh/vendor-completions/_auditgap",
            "- -rw-r--r-- ./usr/share/doc/auditgap/inventory.example.yaml")) {
      assertTrue(all.contains(expected), expected + " missing from the .deb:\n" + all);
    }
    assertTrue(all.contains("./usr/share/auditgap/lib/picocli-"), all);
  }

  @Test
  void theUnpackedDebRunsItsVersionAScanItsManPageAndItsCompletion() throws Exception {
    requireTool("dpkg-deb");
    Path root = Files.createDirectories(tmp.resolve("root"));
    assertEquals(
        0, run(tmp, "dpkg-deb", "-x", deb().toAbsolutePath().toString(), root.toString()).code());
    Path bin = root.resolve("usr/bin/auditgap");
    Run version = run(tmp, bin.toString(), "--version");
    assertEquals(0, version.code(), version.out());
    assertTrue(version.out().startsWith("auditgap " + version() + "\n"), version.out());
    assertTrue(
        version.out().matches("(?s).*\ncheck catalog \\S+ \\(\\d+ checks\\)\n.*"), version.out());
    Run scan =
        run(tmp, bin.toString(), "scan", "--format", "json", "-o", "out", "--color", "never");
    assertTrue(List.of(0, 1, 3).contains(scan.code()), scan.out());
    assertTrue(Files.size(tmp.resolve("out/report.json")) > 0);

    requireTool("man");
    Run man =
        run(
            tmp,
            "env",
            "MANWIDTH=100",
            "man",
            "-l",
            root.resolve("usr/share/man/man1/auditgap.1.gz").toString());
    assertEquals(0, man.code(), man.out());
    assertTrue(man.out().contains("auditgap scan"), man.out());
    assertTrue(man.out().contains("--waivers=FILE"), man.out());
    assertTrue(man.out().contains("EXIT STATUS"), man.out());

    Run complete =
        run(
            tmp,
            "bash",
            "-c",
            "source '"
                + root.resolve("usr/share/bash-completion/completions/auditgap")
                + "'"
                + " && COMP_WORDS=(auditgap sc) COMP_CWORD=1 COMP_LINE='auditgap sc' COMP_POINT=11"
                + " && _picocli_auditgap && printf '%s\\n' \"${COMPREPLY[@]}\"");
    assertEquals(0, complete.code(), complete.out());
    assertEquals("scan", complete.out().strip());
  }

  @Test
  void theDebLauncherRecordsAClassArchiveOnTheFirstScanAndUsesItAfterwards() throws Exception {
    requireTool("dpkg-deb");
    Path root = Files.createDirectories(tmp.resolve("root"));
    assertEquals(
        0, run(tmp, "dpkg-deb", "-x", deb().toAbsolutePath().toString(), root.toString()).code());
    recordsAClassArchiveOnTheFirstScanAndUsesItAfterwards(root.resolve("usr/bin/auditgap"));
  }

  @Test
  void theTarballLauncherRecordsAClassArchiveOnTheFirstScanAndUsesItAfterwards() throws Exception {
    Path tgz = TARGET.resolve("auditgap-" + version() + ".tar.gz").toAbsolutePath();
    Path root = Files.createDirectories(tmp.resolve("root"));
    assertEquals(0, run(root, "tar", "-xzf", tgz.toString()).code());
    recordsAClassArchiveOnTheFirstScanAndUsesItAfterwards(
        root.resolve("auditgap-" + version() + "/bin/auditgap"));
  }

  /**
   * The first scan through {@code launcher} records an archive (in {@code tmp}), later ones use it.
   */
  private void recordsAClassArchiveOnTheFirstScanAndUsesItAfterwards(Path launcher)
      throws Exception {
    String bin = launcher.toString();
    Path cache = tmp.resolve("cache/auditgap");

    Run version = run(tmp, bin, "--version");
    assertEquals(0, version.code(), version.out());
    assertTrue(Files.notExists(cache), "only a scan records the archive");

    Run first = run(tmp, bin, "scan", "--format", "json", "-o", "out1", "--color", "never");
    assertTrue(List.of(0, 1, 3).contains(first.code()), first.out());
    assertEquals("wrote out1/report.json", first.out().strip(), "recording prints nothing");
    List<Path> archives = archives(cache);
    assertEquals(1, archives.size(), archives.toString());
    assertTrue(archives.get(0).getFileName().toString().endsWith(".jsa"), archives.toString());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));

    Path classes = tmp.resolve("classes.txt");
    Run second =
        run(
            Map.of("AUDITGAP_JAVA_OPTS", "-Xlog:class+load:file=" + classes),
            tmp,
            bin,
            "scan",
            "--format",
            "json",
            "-o",
            "out2",
            "--color",
            "never");
    assertEquals(first.code(), second.code(), second.out());
    assertEquals(archives, archives(cache), "recorded once");
    assertTrue(
        Files.readString(classes)
            .contains("io.auditgap.cli.Main source: shared objects file (top)"),
        "the second scan maps auditgap's classes from the archive");

    // The first scan was local, yet the archive holds what an SSH scan needs (CdsTraining): a scan
    // of a host that refuses the connection maps the inventory's, the key file's and the SSH
    // library's classes from it.
    requireTool("ssh-keygen");
    Path key = tmp.resolve("id_ed25519");
    Run keygen = run(tmp, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
    assertEquals(0, keygen.code(), keygen.out());
    Path inventory = tmp.resolve("closed.yaml");
    Files.writeString(
        inventory,
        "defaults:\n  user: auditor\n  identity_file: "
            + key
            + "\n  known_hosts: "
            + tmp.resolve("known_hosts")
            + "\nhosts:\n  closed: {address: 127.0.0.1, port: 1}\n");
    Path sshClasses = tmp.resolve("ssh-classes.txt");
    run(
        Map.of("AUDITGAP_JAVA_OPTS", "-Xlog:class+load:file=" + sshClasses),
        tmp,
        bin,
        "scan",
        "-i",
        inventory.toString(),
        "--no-probe",
        "--format",
        "json",
        "-o",
        "out3",
        "--color",
        "never");
    String loaded = Files.readString(sshClasses);
    for (String c :
        List.of(
            "io.auditgap.inventory.InventoryReader",
            "com.hierynomus.sshj.userauth.keyprovider.OpenSSHKeyV1KeyFile",
            "net.schmizz.sshj.SSHClient",
            "net.schmizz.sshj.transport.TransportImpl")) {
      assertTrue(
          loaded.contains(c + " source: shared objects file"),
          c + " not from the archive: " + loaded.lines().filter(l -> l.contains(c + " ")).toList());
    }

    // An archive the JVM cannot use (damaged here) is ignored without a word.
    Path jsa = archives.get(0);
    Files.setPosixFilePermissions(jsa, PosixFilePermissions.fromString("rw-------"));
    Files.write(jsa, new byte[4096]);
    Run damaged = run(tmp, bin, "--version");
    assertEquals(0, damaged.code(), damaged.out());
    assertEquals(version.out(), damaged.out());

    // One that others could have written is never handed to the JVM.
    Files.setPosixFilePermissions(jsa, PosixFilePermissions.fromString("rw-rw-rw-"));
    Run shared = run(Map.of("AUDITGAP_JAVA_OPTS", "-Xlog:cds=info"), tmp, bin, "--version");
    assertEquals(0, shared.code(), shared.out());
    assertTrue(!shared.out().contains(jsa.toString()), shared.out());
  }

  private static List<Path> archives(Path cache) throws IOException {
    try (Stream<Path> s = Files.list(cache)) {
      return s.sorted().toList();
    }
  }

  @Test
  void theTarballIsSelfContained() throws Exception {
    Path tgz = TARGET.resolve("auditgap-" + version() + ".tar.gz").toAbsolutePath();
    assertTrue(Files.isRegularFile(tgz), tgz + " missing");
    assertEquals(0, run(tmp, "tar", "-xzf", tgz.toString()).code());
    Path bin = tmp.resolve("auditgap-" + version() + "/bin/auditgap");
    Run version = run(tmp, bin.toString(), "--version");
    assertEquals(0, version.code(), version.out());
    assertTrue(version.out().startsWith("auditgap " + version() + "\n"), version.out());
    for (String f :
        List.of(
            "share/man/man1/auditgap.1",
            "share/completion/auditgap.bash",
            "share/checks/index.yaml",
            "share/templates/report.ftlh",
            "inventory.example.yaml")) {
      assertTrue(Files.isRegularFile(tmp.resolve("auditgap-" + version()).resolve(f)), f);
    }
  }
}
