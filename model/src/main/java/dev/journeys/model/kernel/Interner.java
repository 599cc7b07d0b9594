package dev.journeys.model.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gives each distinct name a small dense id, so the kernel's hot loop compares ints, not strings. */
final class Interner {

  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>();

  /** The id of {@code name}, or -1 for null. */
  int id(String name) {
    if (name == null) {
      return -1;
    }
    Integer id = ids.get(name);
    if (id == null) {
      id = names.size();
      ids.put(name, id);
      names.add(name);
    }
    return id;
  }

  String name(int id) {
    return names.get(id);
  }

  int size() {
    return names.size();
  }
}
