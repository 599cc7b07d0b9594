package dev.journeys.model.primitive;

import java.util.Arrays;

/** An open-addressing map from long keys to int values that hands out dense indexes, without boxing. */
public final class LongIntMap {

  private static final long FREE = Long.MIN_VALUE;

  private long[] keys = new long[64];
  private int[] values = new int[64];
  private int size;

  {
    Arrays.fill(keys, FREE);
  }

  /** The index of {@code key}; a new key gets the next index, {@link #size()} before the call. */
  public int indexOf(long key) {
    int mask = keys.length - 1;
    int slot = LongLongMap.mix(key) & mask;
    while (keys[slot] != FREE) {
      if (keys[slot] == key) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    values[slot] = size;
    int index = size++;
    if (size * 2 > keys.length) {
      grow();
    }
    return index;
  }

  public int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldValues.length * 2];
    Arrays.fill(keys, FREE);
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != FREE) {
        int slot = LongLongMap.mix(oldKeys[i]) & mask;
        while (keys[slot] != FREE) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }
}
