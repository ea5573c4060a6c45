/**
 * The stage after evaluation: accepted risks (waivers) and the comparison with a previous scan
 * (baseline). Both annotate a {@link io.auditgap.scan.ScanResult} without changing any finding's
 * status or evidence; the report writers show the annotations and the exit code honours them.
 */
package io.auditgap.review;
