package io.auditgap.inventory;

/** A place in an input file, 1-based, for error messages of the form {@code file:line:column}. */
public record Location(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
