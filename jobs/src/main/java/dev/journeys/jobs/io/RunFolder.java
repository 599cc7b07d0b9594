package dev.journeys.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The output folder of a run, kept safe: a run writes into {@code OUT/_unfinished-run/} and, once it has
 * finished, replaces the outputs it owns in {@code OUT} (the manifest last), so that nothing is deleted
 * before the run's inputs have been read, even when an input is one of those outputs ({@code --input
 * OUT/events --out OUT}). Before any work it refuses, with a {@link FolderException}, an {@code OUT} that
 * is an input or lies inside one, that holds files journeys did not write, or that cannot be written to;
 * and one run at a time writes into a folder ({@code OUT/.journeys.lock}).
 *
 * <p>What journeys owns in {@code OUT} is the fixed set {@link #OUTPUTS}; nothing else there is ever
 * touched. Entries of other names are allowed when they hold inputs of the run (the demo's
 * {@code sample/}) or when the folder holds a finished run of journeys (its manifest), which is how
 * other folders the user keeps beside the outputs are told from a folder the user pointed at by mistake.
 */
public final class RunFolder implements AutoCloseable {

  /** The names journeys writes at the top of an output folder, and only these are ever replaced or removed. */
  public static final Set<String> OUTPUTS = Set.of("events", "quarantine", "journeys", "variants", "transitions",
      "handoffs", "stages", "repeat_contacts", "conversion_times", "unattributed", "stages.csv", "repeat_contacts.csv",
      "conversion_times.csv", "quarantine.csv", "unattributed.csv", "variants.csv", "transitions.csv", "handoffs.csv",
      "graph.dot", "graph.graphml", "graph.json", "report.html", "stitching.json", "summary.json", "summary.md",
      "segments", "segment_changes", "segment_changes.csv", "paths", "paths.csv", RunManifest.FILE);
  static final String STAGING = "_unfinished-run";
  static final String REPLACED = "_replaced-run";
  static final String LOCK = ".journeys.lock";

  private final Path out;
  private final Set<Path> inputs;
  private final FolderLock lock;

  private RunFolder(Path out, Set<Path> inputs, FolderLock lock) {
    this.out = out;
    this.inputs = inputs;
    this.lock = lock;
  }

  /**
   * Checks {@code out} against the run's input paths (local file paths or URIs; others than local files
   * cannot overlap it) and that it can be written, without taking it: for the command line, before Spark starts.
   */
  public static void check(Path out, List<String> inputPaths) {
    FolderChecks.checked(out, inputPaths);
  }

  /** Checks {@code out} as {@link #check} does, takes its lock, and clears what a killed run left unfinished. */
  public static RunFolder open(Path out, List<String> inputPaths) {
    FolderChecks.Checked checked = FolderChecks.checked(out, inputPaths);
    Path dir = checked.dir();
    FolderLock lock = FolderLock.take(dir.resolve(LOCK), "Another run is writing into " + dir);
    try {
      delete(dir.resolve(STAGING));
      delete(dir.resolve(REPLACED));
      Files.createDirectories(dir.resolve(STAGING));
      return new RunFolder(dir, checked.inputs(), lock);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw new FolderException("Cannot write to " + dir + ": " + e.getMessage());
    }
  }

  /**
   * The checks of a nightly run, before any work: {@code root} (the folder of dt=DATE folders) must not be
   * or lie inside an input and must be writable; the date's folder {@code date}, when it exists, must hold a
   * run of journeys and nothing else, since it will be replaced whole.
   */
  public static void checkNightly(Path root, Path date, List<String> inputPaths) {
    FolderChecks.nightly(root, date, inputPaths);
  }

  /** The folder the run writes into until it is published. */
  public Path staging() {
    return out.resolve(STAGING);
  }

  /**
   * Replaces the outputs in {@code OUT} by the finished run's: the old manifest goes first, so that a
   * folder replaced half-way never looks finished; outputs of an earlier run that this one did not write
   * are removed unless they hold one of its inputs; the new manifest comes last.
   */
  public void publish() {
    Path staging = staging();
    Path replaced = out.resolve(REPLACED);
    try {
      Files.createDirectories(replaced);
      Files.deleteIfExists(out.resolve(RunManifest.FILE));
      List<String> names = OUTPUTS.stream().filter(n -> !n.equals(RunManifest.FILE)).sorted().toList();
      for (String name : names) {
        Path old = out.resolve(name);
        Path fresh = staging.resolve(name);
        boolean holdsInput = inputs.stream().anyMatch(i -> i.startsWith(old));
        if (Files.exists(old, java.nio.file.LinkOption.NOFOLLOW_LINKS) && (Files.exists(fresh) || !holdsInput)) {
          Files.move(old, replaced.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
        if (Files.exists(fresh)) {
          Files.move(fresh, old, StandardCopyOption.ATOMIC_MOVE);
        }
      }
      if (Files.exists(staging.resolve(RunManifest.FILE))) {
        Files.move(staging.resolve(RunManifest.FILE), out.resolve(RunManifest.FILE), StandardCopyOption.ATOMIC_MOVE);
      }
      delete(replaced);
      delete(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move the finished run from " + staging + " into " + out + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Releases the lock. A run that failed leaves its staging folder for inspection (its {@code quarantine.csv}
   * says which rows could not be read); the outputs it would have replaced stay as they were, and the next
   * run into the folder clears it.
   */
  @Override
  public void close() {
    lock.close();
  }

  /** Deletes a file or folder and everything in it; nothing when it does not exist. */
  public static void delete(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
