package dev.journeys.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
      "handoffs", "quarantine.csv", "variants.csv", "transitions.csv", "handoffs.csv", "graph.dot", "graph.graphml", "graph.json",
      "report.html", "stitching.json", "summary.json", "summary.md", "manifest.json");
  static final String MANIFEST = "manifest.json";
  static final String STAGING = "_unfinished-run";
  static final String REPLACED = "_replaced-run";
  static final String LOCK = ".journeys.lock";

  /** A folder that must not be written as asked: exit code 2, with what to do instead. */
  public static final class FolderException extends IllegalArgumentException {
    public FolderException(String message) {
      super(message);
    }
  }

  private final Path out;
  private final Set<Path> inputs;
  private final Lock lock;

  private RunFolder(Path out, Set<Path> inputs, Lock lock) {
    this.out = out;
    this.inputs = inputs;
    this.lock = lock;
  }

  /**
   * Checks {@code out} against the run's input paths (local file paths or URIs; others than local files
   * cannot overlap it) and that it can be written, without taking it: for the command line, before Spark starts.
   */
  public static void check(Path out, List<String> inputPaths) {
    checked(out, inputPaths);
  }

  /** Checks {@code out} as {@link #check} does, takes its lock, and clears what a killed run left unfinished. */
  public static RunFolder open(Path out, List<String> inputPaths) {
    Checked checked = checked(out, inputPaths);
    Path dir = checked.dir();
    Lock lock = Lock.take(dir.resolve(LOCK), "Another run is writing into " + dir);
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

  /** An output folder resolved (symbolic links followed) and the run's local inputs, checked against each other. */
  private record Checked(Path dir, Set<Path> inputs) {}

  private static Checked checked(Path out, List<String> inputPaths) {
    Path dir = real(out);
    Set<Path> inputs = localPaths(inputPaths);
    checkOverlap(dir, inputs);
    checkOwnership(dir, inputs);
    checkWritable(dir);
    return new Checked(dir, inputs);
  }

  /**
   * The checks of a nightly run, before any work: {@code root} (the folder of dt=DATE folders) must not be
   * or lie inside an input and must be writable; the date's folder {@code date}, when it exists, must hold a
   * run of journeys and nothing else, since it will be replaced whole.
   */
  public static void checkNightly(Path root, Path date, List<String> inputPaths) {
    Path dir = real(root);
    Set<Path> inputs = localPaths(inputPaths);
    checkOverlap(dir, inputs);
    Path day = real(date);
    for (Path input : inputs) {
      if (input.startsWith(day)) {
        throw new FolderException("The input " + input + " lies inside " + day + ", which this nightly run replaces; "
            + "keep the inputs outside the nightly folder");
      }
    }
    if (Files.isDirectory(day)) {
      checkOwnership(day, Set.of());
    }
    checkWritable(dir);
  }

  /** An exclusive lock on a file, held by one process (and one run in this JVM) at a time. */
  public static final class Lock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    /** Takes the lock on {@code file}, or fails at once with {@code busy} and how to go on. */
    public static Lock take(Path file, String busy) {
      FileChannel channel = null;
      try {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          channel.close();
          throw new FolderException(busy + " (it holds " + file + "); wait for it to finish and run again");
        }
        return new Lock(channel, lock);
      } catch (IOException e) {
        closeQuietly(channel);
        throw new FolderException("Cannot write to " + file.getParent() + ": " + describe(e));
      }
    }

    @Override
    public void close() {
      try {
        lock.release();
      } catch (IOException ignored) {
        // closing the channel releases it too
      }
      closeQuietly(channel);
    }
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
      Files.deleteIfExists(out.resolve(MANIFEST));
      List<String> names = OUTPUTS.stream().filter(n -> !n.equals(MANIFEST)).sorted().toList();
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
      if (Files.exists(staging.resolve(MANIFEST))) {
        Files.move(staging.resolve(MANIFEST), out.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE);
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

  private static void checkOverlap(Path out, Set<Path> inputs) {
    for (Path input : inputs) {
      if (out.startsWith(input)) {
        throw new FolderException("--out " + out + (out.equals(input) ? " is" : " lies inside") + " the input "
            + input + ": the run would write among its own inputs (and read its outputs on a rerun); give an --out "
            + "folder outside the inputs");
      }
    }
  }

  /**
   * Every entry of {@code out} must be journeys' own, or hold inputs of this run, or be kept beside the
   * outputs of a finished run; outputs journeys owns must come from a run of journeys.
   */
  private static void checkOwnership(Path out, Set<Path> inputs) {
    if (!Files.isDirectory(out)) {
      if (Files.exists(out)) {
        throw new FolderException("--out " + out + " is a file, not a folder");
      }
      return;
    }
    boolean finishedRun = isJourneysManifest(out.resolve(MANIFEST));
    boolean unfinishedRun = Files.isDirectory(out.resolve(STAGING)) || Files.isDirectory(out.resolve(REPLACED));
    List<String> foreign = new ArrayList<>();
    List<String> ownedButUnproven = new ArrayList<>();
    try (Stream<Path> entries = Files.list(out)) {
      for (Path entry : entries.sorted().toList()) {
        String name = entry.getFileName().toString();
        if (name.equals(STAGING) || name.equals(REPLACED) || name.equals(LOCK)) {
          continue;
        }
        if (OUTPUTS.contains(name)) {
          if (!finishedRun && !unfinishedRun && !name.equals(MANIFEST)) {
            ownedButUnproven.add(name);
          }
        } else if (!finishedRun && inputs.stream().noneMatch(i -> i.startsWith(entry))) {
          foreign.add(name);
        }
      }
    } catch (IOException e) {
      throw new FolderException("Cannot list --out " + out + ": " + e.getMessage());
    }
    if (Files.exists(out.resolve(MANIFEST)) && !finishedRun) {
      throw new FolderException("--out " + out + " holds a manifest.json that journeys did not write; give an "
          + "empty or new folder, or one that holds an earlier run of journeys");
    }
    if (!foreign.isEmpty()) {
      throw new FolderException("--out " + out + " holds files journeys did not write (" + names(foreign)
          + "); give an empty or new folder, or one that holds an earlier run of journeys");
    }
    if (!ownedButUnproven.isEmpty()) {
      throw new FolderException("--out " + out + " holds " + names(ownedButUnproven) + " but no manifest.json of a "
          + "finished run of journeys, so they may not be its outputs and would be replaced; move them away or give "
          + "another --out");
    }
  }

  private static String names(List<String> names) {
    return String.join(", ", names.subList(0, Math.min(5, names.size())))
        + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
  }

  /** Creates {@code out} if needed and writes and removes a file in it, so a read-only folder fails now. */
  private static void checkWritable(Path out) {
    try {
      Files.createDirectories(out);
      Files.delete(Files.createTempFile(out, ".journeys-probe-", null));
    } catch (IOException e) {
      throw new FolderException("Cannot write to --out " + out + ": " + describe(e));
    }
  }

  private static String describe(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f) {
      return f.getReason() != null ? f.getReason()
          : "the file system refuses it (" + e.getClass().getSimpleName().replace("Exception", "") + ")";
    }
    return e.getMessage();
  }

  private static boolean isJourneysManifest(Path manifest) {
    if (!Files.isRegularFile(manifest)) {
      return false;
    }
    try {
      JsonNode root = new ObjectMapper().readTree(manifest.toFile());
      return root != null && "journeys".equals(root.path("tool").asText());
    } catch (IOException e) {
      return false;
    }
  }

  /** The inputs that are local files, as absolute real paths (symbolic links resolved). */
  private static Set<Path> localPaths(List<String> paths) {
    Set<Path> local = new java.util.LinkedHashSet<>();
    for (String p : paths) {
      java.net.URI uri = new org.apache.hadoop.fs.Path(p).toUri();
      if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
        continue;
      }
      String path = uri.getPath();
      // A glob's fixed part stands for it: what it matches lies inside.
      int glob = indexOfGlob(path);
      if (glob >= 0) {
        int slash = path.lastIndexOf('/', glob);
        path = slash <= 0 ? "/" : path.substring(0, slash);
      }
      local.add(real(Path.of(path)));
    }
    return local;
  }

  private static int indexOfGlob(String path) {
    for (int i = 0; i < path.length(); i++) {
      if ("*?[{".indexOf(path.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** The absolute path with symbolic links resolved as far as the path exists. */
  static Path real(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs));
    } catch (IOException e) {
      return abs;
    }
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

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }
}
