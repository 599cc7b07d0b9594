package dev.journeys.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The jobs' packages form the layers their names promise, without a cycle: {@code cli → run → engine → {ingest,
 * io, config, model}}, {@code report → {io, model}}. An engine knows nothing of the other, and nothing below the
 * run knows of the run, the report or the command line.
 */
class PackageLayoutTest {

  static final JavaClasses JOBS = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.journeys.jobs");

  @Test
  void packagesFormNoCycle() {
    slices().matching("dev.journeys.jobs.(**)").should().beFreeOfCycles().check(JOBS);
  }

  @Test
  void theEnginesKnowNeitherEachOtherNorTheirCallers() {
    noClasses().that().resideInAPackage("..engine.local..").should().dependOnClassesThat()
        .resideInAPackage("..engine.spark..").check(JOBS);
    noClasses().that().resideInAPackage("..engine.spark..").should().dependOnClassesThat()
        .resideInAPackage("..engine.local..").check(JOBS);
    noClasses().that().resideInAPackage("dev.journeys.jobs.engine..").should().dependOnClassesThat()
        .resideInAnyPackage("dev.journeys.jobs.run..", "dev.journeys.jobs.report..", "dev.journeys.jobs.cli..")
        .check(JOBS);
  }

  @Test
  void readersAndTablesKnowNoEngineAndNoRun() {
    noClasses().that().resideInAnyPackage("dev.journeys.jobs.ingest..", "dev.journeys.jobs.io..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.journeys.jobs.engine..", "dev.journeys.jobs.run..",
            "dev.journeys.jobs.report..", "dev.journeys.jobs.cli..", "dev.journeys.jobs.config..")
        .check(JOBS);
  }

  @Test
  void theReportReadsTablesNotEngines() {
    noClasses().that().resideInAPackage("dev.journeys.jobs.report..").should().dependOnClassesThat()
        .resideInAnyPackage("dev.journeys.jobs.engine..", "dev.journeys.jobs.run..", "dev.journeys.jobs.cli..")
        .check(JOBS);
  }
}
