package io.auditgap.inventory;

import java.util.Locale;

/** The inventory file formats auditgap reads. */
public enum InventoryFormat {
  AUTO,
  AUDITGAP,
  ANSIBLE_INI,
  ANSIBLE_YAML,
  ANSIBLE_JSON;

  /** {@code auto}, {@code auditgap}, {@code ansible-ini}, ... ; null means auto. */
  public static InventoryFormat parse(String s) throws InventoryException {
    if (s == null) {
      return AUTO;
    }
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new InventoryException(
          null,
          "--inventory-format: '"
              + s
              + "' is not one of auto, auditgap, ansible-ini, ansible-yaml, ansible-json");
    }
  }
}
