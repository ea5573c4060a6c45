package io.auditgap.cli;

import io.auditgap.inventory.Inventory;
import io.auditgap.inventory.InventoryException;
import io.auditgap.inventory.InventoryFormat;
import io.auditgap.inventory.InventoryReader;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads an inventory for a command: errors become one-line input errors, warnings go to stderr. */
final class InventoryFiles {
  private InventoryFiles() {}

  static Inventory load(Path file, PrintWriter err) {
    return load(file, InventoryFormat.AUTO, err);
  }

  static Inventory load(Path file, InventoryFormat format, PrintWriter err) {
    Inventory inv;
    try {
      inv = InventoryReader.read(file, format);
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
