package io.auditgap.probe;

import java.util.Objects;

/**
 * A point the probe runs from.
 *
 * @param name {@code local} for the machine auditgap runs on, otherwise the inventory host name
 * @param internal true when the vantage sits inside the perimeter (may reach {@code internal}
 *     hosts); false for a vantage that stands for "the internet"
 */
public record Vantage(String name, boolean internal) {
  public static final String LOCAL = "local";

  public Vantage {
    Objects.requireNonNull(name, "name");
  }

  /** The machine auditgap runs on. */
  public static Vantage local(boolean internal) {
    return new Vantage(LOCAL, internal);
  }
}
