/**
 * The Spark engine: any inputs, any size, embedded ({@code local[*]}) or on a cluster; it never names a master.
 *
 * <p><b>Ingest.</b> XES and CSV logs are parsed once, streaming, into {@code events/} and {@code quarantine/}
 * ({@link dev.journeys.jobs.engine.spark.Ingest}): one task per file, or per byte range of a large uncompressed CSV
 * file ({@link dev.journeys.jobs.engine.spark.LogParts}); each part is profiled while it is parsed (an accumulator
 * adds one {@link dev.journeys.jobs.ingest.ProfileTally} per part), so no second pass is needed.
 * Raw exports are mapped, de-duplicated, stitched into customers ({@link dev.journeys.jobs.engine.spark.RawExports},
 * {@link dev.journeys.jobs.engine.spark.IdentityStitching}) and written clustered by customer. Parquet in the
 * unified schema is checked where it lies ({@link dev.journeys.jobs.engine.spark.ParquetInput}).
 *
 * <p><b>Journeys without a shuffle.</b> Events that lie clustered by customer (Parquet sorted by customer and time
 * in files of disjoint customer ranges, as a warehouse export {@code ORDER BY customer_id, ts} writes them, and
 * {@code events/} as ingest writes raw exports) are read one whole file per task and streamed through the kernel as
 * Spark's own rows: no shuffle, no sort, touchpoints looked up as small ints from the bytes
 * ({@link dev.journeys.jobs.engine.spark.ClusteredJourneys}). The layout is checked while streaming (customers
 * ascending, each customer's events in time order, no customer in two files), not trusted; if it does not hold, the
 * manifest says why and the events are partitioned by customer and sorted within partitions instead, one shuffle
 * ({@link dev.journeys.jobs.engine.spark.JourneyJob}). When every input is such Parquet, the stream itself counts
 * what ingest would count in a pass of its own ({@link dev.journeys.jobs.engine.spark.ParquetStream}); only the
 * cut-off must be known before, and it is checked against the latest readable event afterwards.
 *
 * <p><b>Where the time goes</b> (measured on 2 cores, 10 million events): a fresh JVM spends about 26 s of CPU
 * compiling during a 27 s first run, which is why a first run is about twice as slow as the next. On two cores the
 * tasks cost the same CPU as on one; what keeps the speed-up under 2 is what runs outside them (the JIT, the garbage
 * collector, the driver, about 0.6 s of serial planning and writing) and the last task running alone. Sampled with
 * JFR, the hot spots are Parquet's dictionary strings decoded into rows (about 10%), the kernel's transition map
 * (7%) and writing the journeys table (about 10%). Raw exports are the slow path: their ingest runs as many small
 * Spark jobs, whose per-stage overhead costs more than the data.
 */
package dev.journeys.jobs.engine.spark;
