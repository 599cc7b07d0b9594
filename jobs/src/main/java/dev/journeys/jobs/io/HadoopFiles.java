package dev.journeys.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Folders and files on any Hadoop file system, with I/O errors unchecked. */
public final class HadoopFiles {

  private HadoopFiles() {}

  /** The file system {@code dir} lies on. */
  public static FileSystem fileSystem(Configuration conf, String dir) {
    try {
      return new Path(dir).getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static boolean exists(FileSystem fs, String path) {
    try {
      return fs.exists(new Path(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code to} with {@code from}, when there is one. */
  public static void move(FileSystem fs, String from, String to) {
    try {
      fs.delete(new Path(to), true);
      if (fs.exists(new Path(from))) {
        fs.rename(new Path(from), new Path(to));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  public static void delete(FileSystem fs, String path) {
    try {
      fs.delete(new Path(path), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

