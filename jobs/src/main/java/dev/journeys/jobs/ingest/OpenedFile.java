package dev.journeys.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An opened input: the stream to read (decompressed), and how far into the file itself reading has got, so that a
 * file that breaks off can say how much of it was read.
 */
public record OpenedFile(InputStream in, Counting counting, long size, boolean gzipped) {

  /** How many bytes of the file itself have been read. */
  public long bytesRead() {
    return counting.count;
  }

  /**
   * Counts the bytes read from the file, before decompression, as the position in the file reading has reached;
   * reading ends at {@code limit}, the end of a byte range.
   */
  public static final class Counting extends java.io.FilterInputStream {
    long count;
    private final long limit;

    Counting(InputStream in) {
      this(in, 0, Long.MAX_VALUE);
    }

    Counting(InputStream in, long start, long limit) {
      super(in);
      this.count = start;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      if (count >= limit) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (count >= limit) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, limit - count));
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, Math.max(0, limit - count)));
      count += skipped;
      return skipped;
    }
  }

  /** Opens {@code file}, decompressing a gzipped one. */
  public static OpenedFile open(InputFile file, Configuration conf) throws IOException {
    Path path = new Path(file.path());
    FileSystem fs = path.getFileSystem(conf);
    long size = fs.getFileStatus(path).getLen();
    Counting counting = new Counting(fs.open(path));
    InputStream in = file.gzipped() ? new GZIPInputStream(counting, 1 << 16) : counting;
    return new OpenedFile(in, counting, size, file.gzipped());
  }

  /** Opens bytes {@code [start, end)} of an uncompressed {@code file}; {@link #bytesRead} counts from its start. */
  public static OpenedFile open(InputFile file, Configuration conf, long start, long end) throws IOException {
    Path path = new Path(file.path());
    FileSystem fs = path.getFileSystem(conf);
    long size = fs.getFileStatus(path).getLen();
    org.apache.hadoop.fs.FSDataInputStream in = fs.open(path);
    try {
      in.seek(start);
    } catch (IOException e) {
      closeQuietly(in);
      throw e;
    }
    Counting counting = new Counting(in, start, end);
    return new OpenedFile(counting, counting, size, false);
  }

  /** The size of {@code file} in bytes, or 0 when it cannot be read (opening it then says why). */
  public static long sizeOrZero(InputFile file, Configuration conf) {
    try {
      Path path = new Path(file.path());
      return path.getFileSystem(conf).getFileStatus(path).getLen();
    } catch (IOException e) {
      return 0;
    }
  }

  static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Reading is finished; a failed close loses nothing.
    }
  }
}
