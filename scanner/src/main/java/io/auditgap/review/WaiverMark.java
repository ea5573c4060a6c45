package io.auditgap.review;

/**
 * A waiver that matched a failed or unknown finding.
 *
 * @param expired the waiver matched but its expiry date has passed: the finding counts again
 */
public record WaiverMark(String host, String check, Waiver waiver, boolean expired) {
  /** True when the finding is an accepted risk (the waiver applies). */
  public boolean accepted() {
    return !expired;
  }

  /** One line for every format: the accepted risk, or when its waiver expired. */
  public String describe() {
    if (expired) {
      return "waiver expired on " + waiver.expires() + " (" + waiver.justification() + ")";
    }
    String approval = waiver.approval();
    return "accepted risk: "
        + waiver.justification()
        + " ("
        + (approval.isEmpty() ? "" : approval + ", ")
        + "until "
        + waiver.expires()
        + ")";
  }
}
