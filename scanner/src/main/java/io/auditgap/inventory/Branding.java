package io.auditgap.inventory;

import java.nio.file.Path;

/**
 * Report branding from the inventory's top-level {@code branding:} section.
 *
 * @param organisation name shown in report headers, or null
 * @param logo image file (resolved against the inventory's directory), or null
 */
public record Branding(String organisation, Path logo) {
  public static final Branding NONE = new Branding(null, null);
}
