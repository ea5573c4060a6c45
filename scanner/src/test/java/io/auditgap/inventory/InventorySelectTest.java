package io.auditgap.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InventorySelectTest {
  final Inventory inv =
      new Inventory(
          "t",
          List.of(
              HostSpec.local("web-1", false),
              HostSpec.local("web-2", false),
              HostSpec.local("web-10", false),
              HostSpec.local("db-1", false),
              HostSpec.local("db.internal", false)));

  private List<String> names(String pattern) {
    return inv.select(pattern).stream().map(HostSpec::name).toList();
  }

  @Test
  void commaSeparatedGlobsInInventoryOrderWithoutDuplicates() {
    assertEquals(List.of("web-1", "web-2", "web-10", "db-1"), names("db-1,web-*"));
    assertEquals(List.of("web-1", "web-2", "web-10"), names("web-*, web-1"));
    assertEquals(List.of("web-1", "web-2"), names("web-?"));
    assertEquals(List.of("db-1", "db.internal"), names("db*"));
  }

  @Test
  void dotsAndOtherRegexCharactersAreLiteral() {
    assertEquals(List.of("db.internal"), names("db.internal"));
    assertEquals(List.of(), names("db.interna."));
    assertEquals(List.of(), names("db-1|web-1"));
  }

  @Test
  void exactNamesAndNoMatch() {
    assertEquals(List.of("web-1"), names("web-1"));
    assertEquals(List.of(), names("WEB-1"));
    assertEquals(List.of(), names("nope-*"));
    assertEquals(List.of(), names(""));
    assertEquals(List.of(), names(" , "));
    assertEquals(List.of("web-1", "web-2", "web-10", "db-1", "db.internal"), names("*"));
  }
}
