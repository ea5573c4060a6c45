package io.auditgap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CdsTrainingTest {

  @Test
  void everyListedClassIsOnTheClassPath() throws IOException {
    List<String> names;
    try (InputStream in = CdsTraining.class.getResourceAsStream(CdsTraining.SSH_SCAN_CLASSES)) {
      names =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .toList();
    }
    assertTrue(names.size() > 100, "the list names the SSH scan's classes: " + names.size());
    List<String> missing =
        names.stream()
            .filter(
                n -> {
                  try {
                    Class.forName(n, false, CdsTraining.class.getClassLoader());
                    return false;
                  } catch (ClassNotFoundException | LinkageError e) {
                    return true;
                  }
                })
            .toList();
    assertEquals(
        List.of(),
        missing,
        "classes gone from the class path (a dependency update?): regenerate "
            + CdsTraining.SSH_SCAN_CLASSES
            + " with scripts/ssh-scan-classes.sh");
    assertEquals(names.size(), CdsTraining.loadSshScanClasses());
  }
}
