package dev.journeys.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.jobs.config.ConfigException;
import dev.journeys.jobs.config.RunConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --attribute-column}, {@code --segment-by} and {@code --compare}, checked as the config's keys are. */
class SegmentOptionsTest {

  @TempDir Path dir;

  private RunConfig config(String... args) {
    RunOptions options = new RunOptions();
    new CommandLine(options).parseArgs(args);
    return options.toConfig(List.of("log.csv"), dir.resolve("out").toString());
  }

  @Test
  void attributeColumnsAreKeptAndTheSegmentAttributeIsReadFromItsColumn() {
    RunConfig kept = config("--attribute-column", "device", "--attribute-column", "product");
    assertThat(kept.sources().get(0).read().attributeColumns()).containsExactly("device", "product");
    assertThat(kept.rules().keepsAttributes()).isTrue();
    assertThat(kept.rules().segmentBy()).isNull();

    RunConfig segmented = config("--attribute-column", "device", "--segment-by", "region", "--compare", "DE,FR");
    assertThat(segmented.sources().get(0).read().attributeColumns()).containsExactly("device", "region");
    assertThat(segmented.rules().segmentBy()).isEqualTo("region");
    assertThat(segmented.compare()).containsExactly("DE", "FR");
  }

  @Test
  void withoutAttributesNothingIsKept() {
    RunConfig plain = config();
    assertThat(plain.sources().get(0).read().attributeColumns()).isEmpty();
    assertThat(plain.rules().keepsAttributes()).isFalse();
  }

  @Test
  void compareNeedsTwoDifferentSegmentsOfASegmentAttribute() {
    assertThatThrownBy(() -> config("--segment-by", "region", "--compare", "DE"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--compare: expected two different segments");
    assertThatThrownBy(() -> config("--segment-by", "region", "--compare", "DE,DE"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--compare: expected two different segments");
    assertThatThrownBy(() -> config("--compare", "DE,FR"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--segment-by: missing");
  }
}
