package dev.journeys.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.support.SparkTest;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.RankBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report is one self-contained page, and nothing that came from data can break out of its place. */
class HtmlReportTest {

  @TempDir Path dir;

  @Test
  void escapesEveryStringFromDataAndNeedsNoNetwork() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), """
        customer,activity,timestamp,owner
        c1,"web:<script>alert(""x"")</script>",2026-03-01T09:00:00Z,"<b>mkt</b>"
        c1,web:order,2026-03-01T09:10:00Z,sales
        c2,"web:<script>alert(""x"")</script>",2026-03-01T10:00:00Z,"<b>mkt</b>"
        c2,"phone:'quote' & ""call""</script>",2026-03-01T10:05:00Z,support
        """);
    ReadOptions read = new ReadOptions("case_id", "activity", "timestamp", "customer", null, "owner", null,
        ReadOptions.ASSISTED_CHANNELS_DEFAULT, null, java.time.ZoneOffset.UTC, ',', null);
    RunJob.run(SparkTest.spark(), new RunConfig(List.of(log.toString()), dir.resolve("out").toString(), read,
        JourneyRules.defaults().withGoals(Set.of("web:order")), java.time.Instant.parse("2026-06-01T00:00:00Z"),
        RankBy.LOWER_BOUND, 1, 0.01, 10), Progress.silent());

    String html = Files.readString(dir.resolve("out/report.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<h1>journeys report</h1>", "Drop-off", "Repeat contact",
        "Hand-offs between owners", "id=\"graph\"", "id=\"coverage\"", "Data quality");
    assertThat(html).contains("web:&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    assertThat(html).contains("phone:&#39;quote&#39; &amp; &quot;call&quot;&lt;/script&gt;");
    String afterEcharts = html.substring(html.lastIndexOf("<script>"));
    assertThat(afterEcharts).contains("\\u003cscript\\u003e").doesNotContain("alert(\"x\")</script>");
    assertThat(html.split("</script>", -1)).hasSize(3); // ECharts and the report's own script, nothing from data
    assertThat(html).doesNotContain("src=\"http", "href=\"http");
    assertThat(html).contains("<td>&lt;b&gt;mkt&lt;/b&gt;</td><td>sales</td>").doesNotContain("<b>mkt</b>");
    assertThat(Files.readAllLines(dir.resolve("out/handoffs.csv"))).first().asString()
        .startsWith("from_owner,to_owner,passages,journeys,customers,");
    assertThat(Files.readAllLines(dir.resolve("out/handoffs.csv"))).hasSize(3)
        .anySatisfy(line -> assertThat(line).startsWith("<b>mkt</b>,support,1,1,1,300,300,300,300,0,0,0,1,0,0,0,0,0,0,0,0,1,1,1,"));
  }
}
