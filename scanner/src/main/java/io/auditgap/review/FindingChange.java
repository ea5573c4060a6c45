package io.auditgap.review;

import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;

/**
 * One finding compared with the baseline.
 *
 * @param before the baseline's status, or null when the baseline had no such finding
 * @param after the current status, or null when the current scan has no such finding
 * @param detail why it is classed so, in one line
 */
public record FindingChange(
    String host,
    String check,
    String title,
    Severity severity,
    Change change,
    Status before,
    Status after,
    String detail) {}
