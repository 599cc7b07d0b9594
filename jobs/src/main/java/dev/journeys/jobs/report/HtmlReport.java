package dev.journeys.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.journeys.jobs.io.RunManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Writes {@code report.html}: one self-contained page (ECharts inlined, no network) with the headline figures,
 * both ranked tables, the hand-offs between owners, the transition graph, the variant coverage curve, the changes
 * since the previous run and the data quality. The page is {@code report.mustache}, which escapes every value; the
 * values come from the run's manifest, its comparison with the previous run and its tables ({@link ReportView}).
 */
public final class HtmlReport {

  private static final String TEMPLATES = "dev/journeys/jobs/report/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Mustache PAGE = new DefaultMustacheFactory(TEMPLATES).compile("report.mustache");

  private HtmlReport() {}

  /** Writes the report of the finished run in {@code dir}, reading its manifest. */
  public static void write(Path dir) {
    write(dir, RunManifest.read(dir));
  }

  /** Writes the report of the run in {@code dir}, whose manifest is not written yet. */
  public static void write(Path dir, RunManifest manifest) {
    Path page = dir.resolve("report.html");
    try {
      JsonNode summary = Files.exists(dir.resolve("summary.json")) ? JSON.readTree(dir.resolve("summary.json").toFile())
          : null;
      ReportView view = ReportView.of(manifest, summary, ReportTables.read(dir, manifest.rankedWindow()));
      try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
        PAGE.execute(out, new Object[] {view, Map.of("echarts", Assets.ECHARTS, "script", Assets.SCRIPT)});
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + page + ": " + e.getMessage(), e);
    }
  }

  /** The scripts the page inlines, read once: ECharts at the version the pom names, and the report's own. */
  private static final class Assets {
    static final String ECHARTS = resource("META-INF/resources/webjars/echarts/" + version("echarts.version")
        + "/dist/echarts.min.js").replace("</script", "<\\/script");
    static final String SCRIPT = resource(TEMPLATES + "report.js");

    private static String version(String name) {
      Properties versions = new Properties();
      try (InputStream in = resourceStream(TEMPLATES + "versions.properties")) {
        versions.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return versions.getProperty(name);
    }

    private static String resource(String name) {
      try (InputStream in = resourceStream(name)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + name + ": " + e.getMessage(), e);
      }
    }

    private static InputStream resourceStream(String name) {
      InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name);
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return in;
    }
  }
}
