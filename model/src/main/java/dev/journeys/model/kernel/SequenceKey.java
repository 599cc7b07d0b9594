package dev.journeys.model.kernel;

import java.util.Arrays;

/** A sequence of touchpoint ids as a hash key; one mutable instance probes, immutable copies are stored. */
final class SequenceKey {

  private int[] ids;
  private int length;
  private int hash;

  SequenceKey() {
    this.ids = new int[16];
  }

  private SequenceKey(int[] ids, int hash) {
    this.ids = ids;
    this.length = ids.length;
    this.hash = hash;
  }

  /** Points this probe at {@code source[from..to)}. */
  SequenceKey set(int[] source, int from, int to) {
    length = to - from;
    if (ids.length < length) {
      ids = new int[Math.max(length, ids.length * 2)];
    }
    System.arraycopy(source, from, ids, 0, length);
    int h = 1;
    for (int i = 0; i < length; i++) {
      h = 31 * h + ids[i];
    }
    hash = h;
    return this;
  }

  SequenceKey copy() {
    return new SequenceKey(Arrays.copyOf(ids, length), hash);
  }

  int length() {
    return length;
  }

  int id(int i) {
    return ids[i];
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SequenceKey k && k.hash == hash && Arrays.equals(ids, 0, length, k.ids, 0, k.length);
  }
}
