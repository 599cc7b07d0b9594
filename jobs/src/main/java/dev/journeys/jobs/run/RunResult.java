package dev.journeys.jobs.run;

import dev.journeys.jobs.engine.IngestResult;
import dev.journeys.jobs.engine.JourneysResult;
import dev.journeys.model.graph.GraphInsights;
import dev.journeys.model.transition.RankedTransition;
import dev.journeys.model.transition.RepeatContact;
import dev.journeys.model.transition.TransitionTable;
import java.util.List;

/** What a run produced, for the console and the tests. */
public record RunResult(IngestResult ingest, JourneysResult journeys, TransitionTable transitions,
    List<RankedTransition> dropOffRanking, List<RankedTransition> repeatRanking, long variants,
    GraphInsights insights, List<RankedTransition> stallRanking, List<RepeatContact> repeatContacts, int rankedWindow,
    SegmentTables.Result segments, dev.journeys.model.path.PathsAround paths) {}
