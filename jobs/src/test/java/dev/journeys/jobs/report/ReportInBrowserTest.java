package dev.journeys.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.journeys.jobs.config.ConfigFile;
import dev.journeys.jobs.generate.SampleExports;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a report in a real headless Chromium (Debian's, installed by .ci/run): its scripts run without error and
 * draw the graph, the coverage curve, the stage flow and the time distributions, and a screenshot is kept in
 * target/. Skipped, saying so, where no Chromium is installed.
 */
class ReportInBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @Test
  void rendersWithoutScriptErrorsAndShowsTheGraphAndTables() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM + "; .ci/run installs it");
    SampleExports.write(dir.resolve("sample"), 2_000, 42);
    RunJob.run(SparkTest.spark(), ConfigFile.read(dir.resolve("sample/" + SampleExports.CONFIG),
        dir.resolve("out").toString()).withSecret("browser-test-secret-0123456789"), Progress.silent());
    String page = dir.resolve("out/report.html").toUri().toString();

    String dom = chromium(List.of("--dump-dom", page));
    assertThat(dom).contains("<h1>journeys report</h1>", "web:apply_start", "Hand-offs between owners",
        "<h2>Stages</h2>", "Contacts that bring customers back within 7d", "phone:sales_call",
        "<h2>Time between steps</h2>", "<h2>Time to convert</h2>", "<h2>Segments by region</h2>",
        "<h2>Paths around web:apply_rate_shown</h2>");
    // ECharts draws into canvases only when the report's script ran to the end without an error: the graph, the
    // coverage curve, the stages' Sankey diagram, the paths' Sankey diagram, the time between steps and the time to
    // convert.
    assertThat(dom.split("<canvas", -1).length - 1).isGreaterThanOrEqualTo(6);

    Path screenshot = Path.of("target/report-screenshot.png").toAbsolutePath();
    chromium(List.of("--window-size=1300,2400", "--screenshot=" + screenshot, page));
    assertThat(Files.size(screenshot)).isGreaterThan(50_000);
  }

  private String chromium(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + dir.resolve("chrome-profile"), "--virtual-time-budget=8000"));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectError(dir.resolve("chrome.log").toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
    return out;
  }
}
