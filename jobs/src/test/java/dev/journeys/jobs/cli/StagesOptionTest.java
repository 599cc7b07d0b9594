package dev.journeys.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.jobs.config.ConfigException;
import dev.journeys.jobs.config.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --stages FILE} gives the run the stages of a YAML file, checked as the config file's {@code stages:}. */
class StagesOptionTest {

  @TempDir Path dir;

  private RunConfig config(String... args) {
    RunOptions options = new RunOptions();
    new CommandLine(options).parseArgs(args);
    return options.toConfig(List.of("log.csv"), dir.resolve("out").toString());
  }

  @Test
  void aListOfStagesOrAMapWithStagesBecomesTheRunsStagesAndGoals() throws IOException {
    Files.writeString(dir.resolve("list.yaml"), """
        - {name: evaluate, touchpoints: ["web:*"], goals: [web:order_completed]}
        - {name: ask, touchpoints: ["phone:support_*"]}
        """);
    Files.writeString(dir.resolve("map.yaml"), "stages:\n" + Files.readString(dir.resolve("list.yaml")).indent(2));
    for (String file : List.of("list.yaml", "map.yaml")) {
      RunConfig config = config("--stages", dir.resolve(file).toString());
      assertThat(config.rules().stages().list()).extracting(s -> s.name()).containsExactly("evaluate", "ask");
      assertThat(config.rules().goals()).containsExactly("web:order_completed");
    }
  }

  @Test
  void problemsNameTheStagesFileAndTheKeyAndGoalsBesideStagesAreRefused() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "- {touchpoints: [\"web:*\"]}\n");
    assertThatThrownBy(() -> config("--stages", bad.toString())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--stages file, stages[0].name").hasMessageContaining("missing");
    Path good = Files.writeString(dir.resolve("good.yaml"), "- {name: evaluate, touchpoints: [\"web:*\"]}\n");
    assertThatThrownBy(() -> config("--stages", good.toString(), "--goal", "web:order_completed"))
        .hasMessageContaining("remove journeys.goals");
    assertThatThrownBy(() -> config("--stages", dir.resolve("absent.yaml").toString()))
        .hasMessageContaining("--stages").hasMessageContaining("absent.yaml").hasMessageContaining("cannot read");
  }
}
