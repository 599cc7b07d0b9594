package dev.journeys.model.primitive;

import java.util.Arrays;

/** A set of long values that clears in time proportional to its size, for per-journey de-duplication. */
public final class LongSet {

  private static final long FREE = Long.MIN_VALUE;

  private long[] slots = new long[64];
  private int size;
  private long[] inserted = new long[32];

  public LongSet() {
    Arrays.fill(slots, FREE);
  }

  /** Adds {@code value}; returns whether it was new. */
  public boolean add(long value) {
    int mask = slots.length - 1;
    int slot = LongLongMap.mix(value) & mask;
    while (slots[slot] != FREE) {
      if (slots[slot] == value) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    slots[slot] = value;
    if (size == inserted.length) {
      inserted = Arrays.copyOf(inserted, size * 2);
    }
    inserted[size++] = value;
    if (size * 2 > slots.length) {
      rehash(slots.length * 2);
    }
    return true;
  }

  public int size() {
    return size;
  }

  /** Empties the set, touching only the slots in use when it is small. */
  public void clear() {
    if (size * 8 < slots.length) {
      int mask = slots.length - 1;
      for (int i = 0; i < size; i++) {
        int slot = LongLongMap.mix(inserted[i]) & mask;
        // Probing skips slots already freed: every inserted value is still where it was put.
        while (slots[slot] != inserted[i]) {
          slot = (slot + 1) & mask;
        }
        slots[slot] = FREE;
      }
    } else {
      Arrays.fill(slots, FREE);
    }
    size = 0;
  }

  private void rehash(int capacity) {
    slots = new long[capacity];
    Arrays.fill(slots, FREE);
    int mask = capacity - 1;
    for (int i = 0; i < size; i++) {
      int slot = LongLongMap.mix(inserted[i]) & mask;
      while (slots[slot] != FREE) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = inserted[i];
    }
  }
}
