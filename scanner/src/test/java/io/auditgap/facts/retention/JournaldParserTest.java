package io.auditgap.facts.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JournaldParserTest {
  static String debianMain() throws IOException {
    return Files.readString(
        Path.of("src/test/resources/fixtures/retention/debian12/journald.conf"));
  }

  @Test
  void debianShippedFileSetsNothing() throws IOException {
    JournaldConfig c = JournaldParser.parse("/etc/systemd/journald.conf", debianMain(), List.of());
    assertEquals("auto", c.get("Storage").value());
    assertTrue(c.get("Storage").at().isBuiltIn());
    assertEquals("", c.get("SystemMaxUse").value());
  }

  @Test
  void dropInsApplyInNameOrderAcrossDirectoriesAndEtcMasksUsrLib() throws IOException {
    JournaldConfig c =
        JournaldParser.parse(
            "/etc/systemd/journald.conf",
            debianMain(),
            List.of(
                new JournaldParser.DropIn(
                    "/etc/systemd/journald.conf.d",
                    "60-retention.conf",
                    Optional.of("[Journal]\nStorage=persistent\nSystemMaxUse=4G\n")),
                new JournaldParser.DropIn(
                    "/usr/lib/systemd/journald.conf.d",
                    "90-vendor.conf",
                    Optional.of("[Journal]\nSystemMaxUse=50M\n")),
                new JournaldParser.DropIn(
                    "/usr/lib/systemd/journald.conf.d",
                    "60-retention.conf",
                    Optional.of("[Journal]\nStorage=volatile\n"))));
    assertEquals("persistent", c.get("Storage").value());
    assertEquals(
        "50M", c.get("SystemMaxUse").value(), "90- sorts after 60- whatever the directory");
    assertEquals(
        "/usr/lib/systemd/journald.conf.d/90-vendor.conf", c.get("SystemMaxUse").at().file());
    assertEquals(1, c.get("SystemMaxUse").overridden().size());
  }

  @Test
  void maskedDropInIsSkippedAndOtherSectionsIgnored() {
    JournaldConfig c =
        JournaldParser.parse(
            "/etc/systemd/journald.conf",
            "[Journal]\nStorage=persistent\n[Upload]\nStorage=none\n",
            List.of(
                new JournaldParser.DropIn(
                    "/etc/systemd/journald.conf.d", "10-volatile.conf", Optional.empty())));
    assertEquals("persistent", c.get("Storage").value());
    assertEquals(List.of("/etc/systemd/journald.conf.d/10-volatile.conf"), c.masked());
  }

  @Test
  void spansAndSizes() {
    assertEquals(365.25, SystemdValues.spanDays("1year").getAsDouble(), 0.01);
    assertEquals(395.7, SystemdValues.spanDays("13month").getAsDouble(), 0.1);
    assertEquals(17.0, SystemdValues.spanDays("2w 3d").getAsDouble(), 0.01);
    assertEquals(1.0 / 24 / 60, SystemdValues.spanDays("1m").getAsDouble(), 1e-9, "m is minutes");
    assertTrue(SystemdValues.spanDays("forever").isEmpty());
    assertEquals(4L << 30, SystemdValues.bytes("4G").getAsLong());
  }
}
