package dev.journeys.model.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.model.journey.Fate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathsAroundTest {

  private static List<String> steps(String text) {
    return List.of(text.split(" "));
  }

  @Test
  void pathsShowUpToFourStepsEachSideWithStartAndEndWhenTheJourneyBeginsOrEndsWithinThem() {
    PathsAround paths = new PathsAround("T");
    paths.add(steps("a T b"), Fate.DROPPED);
    paths.add(steps("x a b c d T e f g h i"), Fate.CONVERTED);
    paths.add(steps("a b c d T"), Fate.DROPPED);
    paths.add(steps("no tee here"), Fate.DROPPED);

    assertThat(paths.journeys()).isEqualTo(3);
    assertThat(paths.top(PathsAround.Side.BEFORE, 10)).extracting(PathsAround.Path::steps).containsExactly(
        steps("a b c d T"), steps("START a T"));
    assertThat(paths.top(PathsAround.Side.BEFORE, 10).get(0).byFate()[Fate.CONVERTED.ordinal()]).isEqualTo(1);
    assertThat(paths.top(PathsAround.Side.BEFORE, 10).get(0).byFate()[Fate.DROPPED.ordinal()]).isEqualTo(1);
    assertThat(paths.top(PathsAround.Side.AFTER, 10)).extracting(PathsAround.Path::steps).containsExactlyInAnyOrder(
        steps("T e f g h"), steps("T b END"), steps("T END"));
    // What the dropped journeys did last: b, and T itself.
    assertThat(paths.top(PathsAround.Side.DROPPED_LAST, 10)).extracting(PathsAround.Path::steps)
        .containsExactly(List.of("T"), List.of("b"));
  }

  @Test
  void theFirstOccurrenceCountsAndLessCommonPathsAreGroupedAsOther() {
    PathsAround paths = new PathsAround("T");
    for (int i = 0; i < 5; i++) {
      paths.add(steps("a T b T"), Fate.CONVERTED);
    }
    paths.add(steps("c T"), Fate.PENDING);
    paths.add(steps("d T"), Fate.PENDING);
    List<PathsAround.Path> top = paths.top(PathsAround.Side.BEFORE, 1);
    assertThat(top).hasSize(2);
    assertThat(top.get(0).steps()).isEqualTo(steps("START a T"));
    assertThat(top.get(0).journeys()).isEqualTo(5);
    assertThat(top.get(1).isOther()).isTrue();
    assertThat(top.get(1).journeys()).isEqualTo(2);
    assertThat(paths.top(PathsAround.Side.AFTER, 5).get(0).steps()).isEqualTo(steps("T b T END"));
  }

  @Test
  void countsMergeAcrossPartitions() {
    PathsAround one = new PathsAround("T");
    one.add(steps("a T"), Fate.DROPPED);
    PathsAround two = new PathsAround("T");
    two.add(steps("a T"), Fate.CONVERTED);
    two.add(steps("b T"), Fate.DROPPED);
    one.merge(two);
    assertThat(one.journeys()).isEqualTo(3);
    assertThat(one.top(PathsAround.Side.BEFORE, 5).get(0).journeys()).isEqualTo(2);
  }
}
