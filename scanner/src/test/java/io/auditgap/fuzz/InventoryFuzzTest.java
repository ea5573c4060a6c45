package io.auditgap.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.inventory.InventoryException;
import io.auditgap.inventory.InventoryLoader;
import java.nio.file.Path;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The inventory loader on mutants of real inventories (the example, the good and the bad test
 * inventories): it loads, or refuses with one line {@code file:line:column: what; what to do}.
 * Nothing else may come out of it: no other exception, no unpositioned message.
 */
class InventoryFuzzTest {
  private static final Pattern POSITIONED =
      Pattern.compile("inventory\\.yaml:\\d+:\\d+: \\S[^\\n\\r]*");

  @Provide
  Arbitrary<String> inventories() {
    return Mutator.of(
        Corpus.seeds(
            "inventory", "resources/inventory/good/*.yaml", "resources/inventory/bad/*.yaml"));
  }

  @Property
  void loadsOrSaysWhereAndWhat(@ForAll("inventories") String yaml) {
    InventoryLoader loader = new InventoryLoader("auditor", Path.of("/nonexistent-home"));
    try {
      assertNotNull(loader.parse(yaml, "inventory.yaml", Path.of("/nonexistent-base")));
    } catch (InventoryException e) {
      String m = e.getMessage();
      assertTrue(POSITIONED.matcher(m).matches(), "not a positioned one-line error: " + m);
      assertFalse(m.contains("Exception"), m);
      assertFalse(m.contains("\u001b"), "a raw escape reaches the terminal: " + m);
    }
  }
}
