package dev.journeys.jobs.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.support.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class IdentityStitchingTest {

  static final StructType LINKS = new StructType().add("record_id", DataTypes.StringType)
      .add("key", DataTypes.StringType).add("rank", DataTypes.IntegerType);

  static Dataset<Row> links(Object[]... rows) {
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(r));
    }
    return SparkTest.spark().createDataFrame(list, LINKS);
  }

  static Map<String, String> byRecord(IdentityStitching.Result result) {
    Map<String, String> map = new TreeMap<>();
    result.records().collectAsList().forEach(r -> map.put(r.getString(0), r.getString(1)));
    return map;
  }

  @Test
  void anonymousSessionThenLoginIsOneCustomer() {
    IdentityStitching.Result result = IdentityStitching.stitch(links(
        new Object[] {"page-1", "cookie:c1", 3},
        new Object[] {"page-2", "cookie:c1", 3},
        new Object[] {"login", "cookie:c1", 3}, new Object[] {"login", "user:u9", 1},
        new Object[] {"order", "user:u9", 1},
        new Object[] {"other", "cookie:c2", 3}), 100);
    assertThat(byRecord(result)).containsExactly(
        Map.entry("login", "cookie:c1"), Map.entry("order", "cookie:c1"), Map.entry("other", "cookie:c2"),
        Map.entry("page-1", "cookie:c1"), Map.entry("page-2", "cookie:c1"));
    assertThat(result.oversized().count()).isZero();
  }

  @Test
  void contactChainKeysLinkLegsButAChainOfThemAloneNamesNoCustomer() {
    IdentityStitching.Result result = IdentityStitching.stitch(links(
        new Object[] {"call", "phone:+447700900001", 0}, new Object[] {"call", "contact:c1", 1},
        new Object[] {"transfer", "contact:c1", 1},
        new Object[] {"withheld", "contact:c9", 1}, new Object[] {"withheld-transfer", "contact:c9", 1}),
        100, java.util.Set.of("contact"));
    Map<String, Boolean> named = new TreeMap<>();
    result.records().collectAsList().forEach(r -> named.put(r.getString(0), r.getBoolean(2)));
    assertThat(named).containsExactly(Map.entry("call", true), Map.entry("transfer", true),
        Map.entry("withheld", false), Map.entry("withheld-transfer", false));
    assertThat(byRecord(result).get("transfer")).isEqualTo(byRecord(result).get("call"));
  }

  @Test
  void aLongChainConvergesToItsSmallestKey() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(new Object[] {"r" + i, String.format("k%03d", i), 1});
      rows.add(new Object[] {"r" + i, String.format("k%03d", i + 1), 1});
    }
    IdentityStitching.Result result = IdentityStitching.stitch(links(rows.toArray(Object[][]::new)), 1_000);
    assertThat(result.customers().select("customer").distinct().collectAsList())
        .singleElement().satisfies(r -> assertThat(r.getString(0)).isEqualTo("k000"));
    assertThat(result.rounds()).isLessThan(12);
  }

  @Test
  void aSharedNumberSeenWithTooManyKeysLinksNobodyAndIsReported() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(new Object[] {"call-" + i, "phone:switchboard", 2});
      rows.add(new Object[] {"call-" + i, "crm:contact-" + i, 1});
      rows.add(new Object[] {"web-" + i, "crm:contact-" + i, 1});
      rows.add(new Object[] {"web-" + i, "user:u" + i, 1});
      rows.add(new Object[] {"switchboard-" + i, "phone:switchboard", 2});
    }
    IdentityStitching.Result result = IdentityStitching.stitch(links(rows.toArray(Object[][]::new)), 3);
    assertThat(byRecord(result)).containsEntry("call-0", "crm:contact-0").containsEntry("web-0", "crm:contact-0")
        .containsEntry("call-4", "crm:contact-4").containsEntry("web-4", "crm:contact-4")
        .containsEntry("switchboard-0", "record:switchboard-0").containsEntry("switchboard-1", "record:switchboard-1");
    assertThat(result.hubKeys().collectAsList()).singleElement().satisfies(r -> {
      assertThat(r.getString(0)).isEqualTo("phone:switchboard");
      assertThat(r.getLong(1)).isEqualTo(5);
    });
    assertThat(result.oversized().count()).isZero();
  }

  @Test
  void aComponentOverTheCapIsSplitBackIntoItsKeysAndReported() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(new Object[] {"r" + i, "k" + i, 1});
      rows.add(new Object[] {"r" + i, "k" + (i + 1), 1});
    }
    IdentityStitching.Result result = IdentityStitching.stitch(links(rows.toArray(Object[][]::new)), 3);
    assertThat(byRecord(result)).containsEntry("r0", "k0").containsEntry("r4", "k4");
    assertThat(result.oversized().collectAsList()).singleElement().satisfies(r -> {
      assertThat(r.getString(0)).isEqualTo("k0");
      assertThat(r.getLong(1)).isEqualTo(6);
    });
  }

  @Test
  void javaAndSqlGiveEveryKeyTheSameId() {
    List<String> keys = List.of("user:u1", "cookie:c-été", "phone:+447700900001", "", "x");
    Dataset<Row> sql = SparkTest.spark().createDataset(keys, org.apache.spark.sql.Encoders.STRING()).toDF("key")
        .select(org.apache.spark.sql.functions.col("key"), org.apache.spark.sql.functions.xxhash64(
            org.apache.spark.sql.functions.lit(43L), org.apache.spark.sql.functions.col("key")).as("id"));
    Map<String, Long> bySql = new TreeMap<>();
    sql.collectAsList().forEach(r -> bySql.put(r.getString(0), r.getLong(1)));
    long[] byJava = IdentityStitching.ids(keys, 43L);
    for (int i = 0; i < keys.size(); i++) {
      assertThat(byJava[i]).as(keys.get(i)).isEqualTo(bySql.get(keys.get(i)));
    }
  }

  @Test
  void pairsSortByFirstThenSecond() {
    java.util.Random random = new java.util.Random(7);
    for (int n : new int[] {0, 1, 2, 17, 100, 5_000}) {
      long[] pairs = new long[2 * n];
      for (int i = 0; i < pairs.length; i++) {
        pairs[i] = random.nextInt(n / 3 + 2) - 3;
      }
      List<long[]> expected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        expected.add(new long[] {pairs[2 * i], pairs[2 * i + 1]});
      }
      expected.sort(java.util.Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]));
      IdentityStitching.PairSort.sort(pairs);
      for (int i = 0; i < n; i++) {
        assertThat(new long[] {pairs[2 * i], pairs[2 * i + 1]}).as("pair %d of %d", i, n).containsExactly(expected.get(i));
      }
    }
  }

  @Test
  void aWideStarAndAChainMeetInOneComponent() {
    List<Object[]> rows = new ArrayList<>();
    // A star of 30 keys around one user, and a chain of 30 keys whose far end holds that user.
    for (int i = 0; i < 30; i++) {
      rows.add(new Object[] {"s" + i, "user:hub", 1});
      rows.add(new Object[] {"s" + i, "cookie:" + i, 2});
      rows.add(new Object[] {"c" + i, String.format("chain:%02d", i), 1});
      rows.add(new Object[] {"c" + i, String.format("chain:%02d", i + 1), 1});
    }
    rows.add(new Object[] {"join", "chain:30", 1});
    rows.add(new Object[] {"join", "user:hub", 1});
    IdentityStitching.Result result = IdentityStitching.stitch(links(rows.toArray(Object[][]::new)), 1_000);
    assertThat(result.customers().select("customer").distinct().collectAsList())
        .singleElement().satisfies(r -> assertThat(r.getString(0)).isEqualTo("chain:00"));
    assertThat(result.customers().count()).isEqualTo(30 + 31 + 1);
    assertThat(byRecord(result).values()).containsOnly("chain:00");
  }
}
