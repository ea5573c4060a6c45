package io.auditgap.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ReportDependenciesTest {
  private static final JavaClasses REPORT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.auditgap.report");

  @Test
  void reportDependsNeitherOnTransportNorOnPicocliNorOnCollection() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.auditgap.transport..",
            "io.auditgap.collect..",
            "io.auditgap.cli..",
            "io.auditgap.probe..",
            "picocli..")
        .check(REPORT);
  }
}
