package io.auditgap.inventory;

/**
 * Bad inventory input; the message is one line: {@code file:line:column: what is wrong; what to
 * do}.
 */
public final class InventoryException extends Exception {
  private final Location location;

  public InventoryException(Location location, String message) {
    super(location == null ? message : location + ": " + message);
    this.location = location;
  }

  public Location location() {
    return location;
  }
}
