package io.auditgap.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The data flow's layering: checks read snapshots only; only the CLI knows picocli. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.auditgap");

  @Test
  void factsAndChecksNeverTouchTheNetworkOrTheCli() {
    noClasses()
        .that()
        .resideInAnyPackage("io.auditgap.facts..", "io.auditgap.checks..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.auditgap.transport..",
            "io.auditgap.scan..",
            "io.auditgap.cli..",
            "net.schmizz..",
            "com.hierynomus..")
        .check(CLASSES);
  }

  @Test
  void onlyTheCliUsesPicocli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.auditgap.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .check(CLASSES);
  }

  @Test
  void reportsNeverTouchTransport() {
    noClasses()
        .that()
        .resideInAPackage("io.auditgap.report..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.auditgap.transport..", "net.schmizz..", "com.hierynomus..")
        .allowEmptyShould(true)
        .check(CLASSES);
  }
}
