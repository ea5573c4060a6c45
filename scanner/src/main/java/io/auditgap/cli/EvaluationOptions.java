package io.auditgap.cli;

import picocli.CommandLine.Mixin;

/**
 * How findings are made and judged, shared by scan and evaluate: the catalog and profile, the check
 * parameters, and the baseline and waivers the findings are compared with.
 */
final class EvaluationOptions {
  @Mixin CatalogOptions catalog = new CatalogOptions();

  @Mixin CheckParamOptions checkParams = new CheckParamOptions();

  @Mixin ReviewOptions review = new ReviewOptions();
}
