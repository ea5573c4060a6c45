package io.auditgap.checks;

/** A check catalog file that cannot be used; the message names the file and what to fix. */
public final class CatalogException extends Exception {
  public CatalogException(String message) {
    super(message);
  }
}
