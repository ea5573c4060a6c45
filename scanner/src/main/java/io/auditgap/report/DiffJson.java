package io.auditgap.report;

import java.time.Instant;

/** {@code diff.json}: the current scan and its comparison with the baseline. */
record DiffJson(int schemaVersion, ReportJson.Tool tool, Current current, BaselineJson baseline) {

  /** The current scan: the file given and when it started. */
  record Current(String file, Instant startedAt) {}
}
