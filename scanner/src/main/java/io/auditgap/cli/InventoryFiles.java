package io.auditgap.cli;

import io.auditgap.inventory.Inventory;
import io.auditgap.inventory.InventoryException;
import io.auditgap.inventory.InventoryLoader;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads an inventory for a command: errors become one-line input errors, warnings go to stderr. */
final class InventoryFiles {
  private InventoryFiles() {}

  static Inventory load(Path file, PrintWriter err) {
    Inventory inv;
    try {
      inv = new InventoryLoader().load(file);
    } catch (InventoryException e) {
      throw new InputException(e.getMessage());
    }
    for (String w : inv.warnings()) {
      err.println("warning: " + w);
    }
    err.flush();
    return inv;
  }
}
