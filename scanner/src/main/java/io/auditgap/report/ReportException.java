package io.auditgap.report;

import java.io.IOException;

/** A report could not be rendered or read (template error, malformed report.json, ...). */
public class ReportException extends IOException {
  private static final long serialVersionUID = 1L;

  public ReportException(String message) {
    super(message);
  }

  public ReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
