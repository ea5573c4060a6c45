package io.auditgap.report;

import io.auditgap.scan.ScanResult;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes every format for a fixture into a directory: {@code RenderSamples DIR
 * [fleet|hostile|sample|synthetic:N]}.
 */
final class RenderSamples {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String which = args.length > 1 ? args[1] : "fleet";
    ScanResult r =
        which.equals("hostile")
            ? ReportFixtures.hostile()
            : which.equals("sample")
                ? ReportFixtures.sample()
                : which.startsWith("synthetic:")
                    ? FleetFixtures.synthetic(Integer.parseInt(which.substring(10)), 40)
                    : which.startsWith("synthetic60:")
                        ? FleetFixtures.synthetic(Integer.parseInt(which.substring(12)), 60)
                        : FleetFixtures.fleet();
    ReportSettings s =
        ReportSettings.DEFAULT
            .withTitle("SSH session audit")
            .withOrganisation("Example Corp")
            .withRenderedAt(Instant.parse("2026-03-02T12:00:00Z"));
    ReportWriters w = ReportWriters.standard(false, null, s);
    java.util.List<String> formats =
        args.length > 2 ? java.util.List.of(args[2].split(",")) : w.formats();
    for (String f : formats) {
      System.out.println(w.get(f).write(r, dir));
    }
  }
}
