package io.auditgap.report;

import java.time.Instant;
import java.util.Locale;

/**
 * How reports are presented, independent of the scan data: title, branding, paper size and the
 * timestamp written into PDF metadata. Host data never goes here.
 *
 * @param title the assessment name (title page, running header), or null for the default
 * @param organisation the organisation the report is for (branding), or null
 * @param logo the branding logo, or null
 * @param pageSize paper size of the PDF
 * @param renderedAt the PDF creation date and the seed of its document id; null means {@code
 *     SOURCE_DATE_EPOCH} when set, else the time of rendering
 */
public record ReportSettings(
    String title, String organisation, Logo logo, PageSize pageSize, Instant renderedAt) {
  public static final String DEFAULT_TITLE = "SSH session audit";

  public static final ReportSettings DEFAULT = new ReportSettings(null, null, null, null, null);

  public ReportSettings {
    pageSize = pageSize == null ? PageSize.A4 : pageSize;
  }

  /** Paper sizes of the PDF. */
  public enum PageSize {
    A4("A4"),
    LETTER("letter");

    private final String css;

    PageSize(String css) {
      this.css = css;
    }

    /** The CSS {@code @page size} keyword. */
    public String css() {
      return css;
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code a4} or {@code letter}, case-insensitive; null when neither. */
    public static PageSize parse(String text) {
      for (PageSize p : values()) {
        if (p.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
          return p;
        }
      }
      return null;
    }
  }

  public ReportSettings withTitle(String t) {
    return new ReportSettings(t, organisation, logo, pageSize, renderedAt);
  }

  public ReportSettings withOrganisation(String o) {
    return new ReportSettings(title, o, logo, pageSize, renderedAt);
  }

  public ReportSettings withLogo(Logo l) {
    return new ReportSettings(title, organisation, l, pageSize, renderedAt);
  }

  public ReportSettings withPageSize(PageSize p) {
    return new ReportSettings(title, organisation, logo, p, renderedAt);
  }

  public ReportSettings withRenderedAt(Instant i) {
    return new ReportSettings(title, organisation, logo, pageSize, i);
  }

  /** {@link #renderedAt} if set, else {@code SOURCE_DATE_EPOCH} (seconds) if set, else now. */
  public Instant effectiveRenderedAt() {
    if (renderedAt != null) {
      return renderedAt;
    }
    Instant epoch = sourceDateEpoch(System.getenv("SOURCE_DATE_EPOCH"));
    return epoch != null ? epoch : Instant.now();
  }

  /** Parses a {@code SOURCE_DATE_EPOCH} value (decimal seconds); null when unset or malformed. */
  static Instant sourceDateEpoch(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.ofEpochSecond(Long.parseLong(value.strip()));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return null;
    }
  }
}
