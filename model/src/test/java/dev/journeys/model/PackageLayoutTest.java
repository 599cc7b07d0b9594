package dev.journeys.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The model's packages depend on each other without a cycle, and none of them on Spark. */
class PackageLayoutTest {

  static final JavaClasses MODEL = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.journeys.model");

  @Test
  void packagesFormNoCycle() {
    slices().matching("dev.journeys.model.(**)").should().beFreeOfCycles().check(MODEL);
  }

  @Test
  void theModelKnowsNothingOfSparkNorOfTheJobs() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..",
        "dev.journeys.jobs..").check(MODEL);
  }
}
