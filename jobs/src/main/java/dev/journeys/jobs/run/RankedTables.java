package dev.journeys.jobs.run;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.io.ConversionRows;
import dev.journeys.jobs.io.Outputs;
import dev.journeys.jobs.io.RepeatContactRows;
import dev.journeys.jobs.io.StageRows;
import dev.journeys.jobs.io.TransitionRows;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.ContactTable;
import dev.journeys.model.transition.RankedTransition;
import dev.journeys.model.transition.RepeatContact;
import dev.journeys.model.transition.TransitionCounts;
import dev.journeys.model.transition.TransitionTable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The ranked tables of one set of counts — the run's, or one segment's — written as CSV into one folder and handed to
 * a {@link Sink} as Parquet rows: transitions, hand-offs between owners, stage passages (with stages), the contacts
 * that bring customers back, and the times to convert (when fates are judged).
 */
record RankedTables(TransitionTable table, List<RankedTransition> dropOff, List<RankedTransition> repeat,
    List<RankedTransition> stall, List<RepeatContact> contacts) {

  /** Where a table's Parquet rows go, by the table's folder name. */
  @FunctionalInterface
  interface Sink {
    void write(String name, StructType schema, List<Row> rows);
  }

  /** Ranks {@code counts} as {@code config} says, writes the CSV files into {@code outputs} and the rows to {@code sink}. */
  static RankedTables write(RunConfig config, TransitionCounts counts, Outputs outputs, Sink sink) {
    JourneyRules rules = config.rules();
    TransitionTable table = TransitionTable.from(counts, rules);
    List<RankedTransition> dropOff = rules.judgesFates()
        ? table.rankByDropOff(config.rankBy(), config.minPassages()) : List.of();
    List<RankedTransition> repeat = table.rankByRepeatContact(config.rankBy(), config.minPassages());
    TransitionRows rows = new TransitionRows(rules.repeatWindows());
    sink.write("transitions", rows.schema(), outputs.writeTransitions(rows, table.transitions(), dropOff, repeat));
    sink.write("handoffs", TransitionRows.ownerPairs(rules.repeatWindows()).schema(),
        outputs.writeOwnerPairs(rules.repeatWindows(), table.ownerPairs()));
    List<RankedTransition> stall = table.rankStagesByStall(config.rankBy(), config.minPassages());
    if (rules.stages() != null) {
      StageRows stageRows = new StageRows(rules.repeatWindows());
      sink.write(StageRows.DIR, stageRows.schema(), outputs.writeStages(stageRows, table.stagePassages(), stall));
    }
    List<RepeatContact> contacts = ContactTable.rows(counts.contacts(), rules.repeatWindows().size(), config.rankBy(),
        config.minPassages());
    RepeatContactRows contactRows = new RepeatContactRows(rules.repeatWindows());
    sink.write(RepeatContactRows.DIR, contactRows.schema(), outputs.writeRepeatContacts(contactRows, contacts));
    if (rules.judgesFates()) {
      ConversionRows conversionRows = new ConversionRows();
      sink.write(ConversionRows.DIR, conversionRows.schema(),
          outputs.writeConversionTimes(conversionRows, counts.conversionTimes()));
    }
    return new RankedTables(table, dropOff, repeat, stall, contacts);
  }
}
