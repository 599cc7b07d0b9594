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

  /** Counts the bytes read from the file, before decompression. */
  public static final class Counting extends java.io.FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
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

  static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Reading is finished; a failed close loses nothing.
    }
  }
}
