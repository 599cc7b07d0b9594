package dev.journeys.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@link RunFolder} checks before any work, each failure a {@link FolderException} saying what to do instead:
 * the output folder is not an input nor inside one, holds nothing journeys did not write (unless it holds inputs
 * of the run or a finished run of journeys), and can be written to.
 */
final class FolderChecks {

  private FolderChecks() {}

  /** An output folder resolved (symbolic links followed) and the run's local inputs, checked against each other. */
  record Checked(Path dir, Set<Path> inputs) {}

  static Checked checked(Path out, List<String> inputPaths) {
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
  static void nightly(Path root, Path date, List<String> inputPaths) {
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
    boolean finishedRun = isJourneysManifest(out.resolve(RunManifest.FILE));
    boolean unfinishedRun = Files.isDirectory(out.resolve(RunFolder.STAGING)) || Files.isDirectory(out.resolve(RunFolder.REPLACED));
    List<String> foreign = new ArrayList<>();
    List<String> ownedButUnproven = new ArrayList<>();
    try (Stream<Path> entries = Files.list(out)) {
      for (Path entry : entries.sorted().toList()) {
        String name = entry.getFileName().toString();
        if (name.equals(RunFolder.STAGING) || name.equals(RunFolder.REPLACED) || name.equals(RunFolder.LOCK)) {
          continue;
        }
        if (RunFolder.OUTPUTS.contains(name)) {
          if (!finishedRun && !unfinishedRun && !name.equals(RunManifest.FILE)) {
            ownedButUnproven.add(name);
          }
        } else if (!finishedRun && inputs.stream().noneMatch(i -> i.startsWith(entry))) {
          foreign.add(name);
        }
      }
    } catch (IOException e) {
      throw new FolderException("Cannot list --out " + out + ": " + e.getMessage());
    }
    if (Files.exists(out.resolve(RunManifest.FILE)) && !finishedRun) {
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

  static String describe(Exception e) {
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
}
