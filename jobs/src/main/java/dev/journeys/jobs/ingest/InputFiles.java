package dev.journeys.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Resolves the {@code --input} arguments into files: a file, a glob, or a folder (its files, and a
 * folder of Parquet parts as one Parquet input). Every argument must match something.
 */
public final class InputFiles {

  private InputFiles() {}

  public static List<InputFile> resolve(List<Source> sources, Configuration conf) {
    List<InputFile> files = new ArrayList<>();
    for (Source source : sources) {
      String input = source.path();
      try {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(conf);
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
          throw new InputException("Cannot read input " + input + ": no such file or folder");
        }
        Arrays.sort(matches, Comparator.comparing(s -> s.getPath().toString()));
        for (FileStatus match : matches) {
          addMatch(fs, match, input, source, files);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read input " + input + ": " + e.getMessage(), e);
      }
    }
    return files;
  }

  /** Every file of a raw source is read in the source's format, whatever its extension. */
  private static void addRaw(FileSystem fs, FileStatus match, Source source, List<InputFile> files)
      throws IOException {
    if (match.isFile()) {
      files.add(new InputFile(match.getPath().toString(), InputFile.Format.RAW, files.size(), source));
      return;
    }
    FileStatus[] children = fs.listStatus(match.getPath(), p -> !p.getName().startsWith("_") && !p.getName().startsWith("."));
    Arrays.sort(children, Comparator.comparing(s -> s.getPath().toString()));
    for (FileStatus child : children) {
      addRaw(fs, child, source, files);
    }
  }

  private static void addMatch(FileSystem fs, FileStatus match, String input, Source source,
      List<InputFile> files) throws IOException {
    if (source.isRaw()) {
      addRaw(fs, match, source, files);
      return;
    }
    if (match.isFile()) {
      InputFile.Format format = InputFile.Format.of(match.getPath().getName());
      if (format == null) {
        throw new InputException("Cannot read input " + match.getPath()
            + ": unknown format (expected .xes, .xes.gz, .csv, .csv.gz or .parquet)");
      }
      files.add(new InputFile(match.getPath().toString(), format, files.size(), source));
      return;
    }
    FileStatus[] children = fs.listStatus(match.getPath(), p -> !p.getName().startsWith("_") && !p.getName().startsWith("."));
    Arrays.sort(children, Comparator.comparing(s -> s.getPath().toString()));
    boolean parquetFolder = children.length > 0
        && Arrays.stream(children).allMatch(c -> c.isDirectory() || c.getPath().getName().endsWith(".parquet"));
    if (parquetFolder) {
      files.add(new InputFile(match.getPath().toString(), InputFile.Format.PARQUET, files.size(), source));
      return;
    }
    int before = files.size();
    for (FileStatus child : children) {
      if (child.isFile() && InputFile.Format.of(child.getPath().getName()) != null) {
        files.add(new InputFile(child.getPath().toString(), InputFile.Format.of(child.getPath().getName()), files.size(),
            source));
      }
    }
    if (files.size() == before) {
      throw new InputException("Cannot read input " + input + ": folder " + match.getPath()
          + " holds no .xes, .csv or .parquet files");
    }
  }
}
