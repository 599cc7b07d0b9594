package dev.journeys.model.primitive;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to long counts, for hot loops that must not box. Keys may be
 * any long except {@link Long#MIN_VALUE}, which marks a free slot.
 */
public final class LongLongMap {

  private static final long FREE = Long.MIN_VALUE;

  private long[] keys;
  private long[] values;
  private int size;

  public LongLongMap() {
    this(16);
  }

  public LongLongMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new long[capacity];
    Arrays.fill(keys, FREE);
  }

  public int size() {
    return size;
  }

  /** Adds {@code delta} to the count of {@code key}, starting from 0. */
  public void add(long key, long delta) {
    if (key == FREE) {
      throw new IllegalArgumentException("Cannot use Long.MIN_VALUE as a key");
    }
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (keys[slot] != FREE) {
      if (keys[slot] == key) {
        values[slot] += delta;
        return;
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    values[slot] = delta;
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  public long get(long key) {
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (keys[slot] != FREE) {
      if (keys[slot] == key) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    return 0;
  }

  /** Calls {@code visitor} once per key, in no particular order. */
  public void forEach(Visitor visitor) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != FREE) {
        visitor.visit(keys[i], values[i]);
      }
    }
  }

  /** The keys in ascending order. */
  public long[] sortedKeys() {
    long[] out = new long[size];
    int n = 0;
    for (long key : keys) {
      if (key != FREE) {
        out[n++] = key;
      }
    }
    Arrays.sort(out);
    return out;
  }

  public void clear() {
    Arrays.fill(keys, FREE);
    size = 0;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldValues.length * 2];
    Arrays.fill(keys, FREE);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != FREE) {
        add(oldKeys[i], oldValues[i]);
      }
    }
  }

  static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** Receives one entry of the map. */
  @FunctionalInterface
  public interface Visitor {
    void visit(long key, long value);
  }
}
