package dev.journeys.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A node of a run's configuration with its key path ({@code sources[1].time-zone}): typed getters that record
 * every problem, naming the key and what was expected, instead of stopping at the first. The configuration comes
 * from a YAML file or from the command line's options, in the same shape; {@code name} says how a problem names
 * its key ({@code key 'journeys.inactivity'} in a file, {@code --inactivity} on the command line).
 */
final class ConfigNode {

  private final JsonNode node;
  private final String path;
  private final List<String> errors;
  private final Function<String, String> name;

  ConfigNode(JsonNode node, String path, List<String> errors, Function<String, String> name) {
    this.node = node;
    this.path = path;
    this.errors = errors;
    this.name = name;
  }

  /** How a config file names a key in its problems. */
  static String fileKey(String path) {
    return "key '" + path + "'";
  }

  String path() {
    return path;
  }

  boolean has(String key) {
    return node.has(key) && !node.get(key).isNull();
  }

  /** The keys of this map, in file order. */
  List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** Records an error for every key that is not one of {@code known}. */
  void allowOnly(Set<String> known) {
    if (!node.isObject()) {
      return;
    }
    Iterator<String> fields = node.fieldNames();
    while (fields.hasNext()) {
      String field = fields.next();
      if (!known.contains(field)) {
        errors.add("unknown key '" + key(field) + "' (expected one of: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  /** The child object, or null (with an error if present but not an object). */
  ConfigNode object(String key) {
    if (!has(key)) {
      return null;
    }
    JsonNode child = node.get(key);
    if (!child.isObject()) {
      errors.add(name.apply(key(key)) + ": expected a map of keys, got " + describe(child));
      return null;
    }
    return new ConfigNode(child, key(key), errors, name);
  }

  /** The child list's items (a single item counts as a list of one). */
  List<ConfigNode> list(String key) {
    List<ConfigNode> items = new ArrayList<>();
    if (!has(key)) {
      return items;
    }
    JsonNode child = node.get(key);
    if (child.isArray()) {
      for (int i = 0; i < child.size(); i++) {
        items.add(new ConfigNode(child.get(i), key(key) + "[" + i + "]", errors, name));
      }
    } else {
      items.add(new ConfigNode(child, key(key), errors, name));
    }
    return items;
  }

  String string(String key, String fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode child = node.get(key);
    if (!child.isValueNode()) {
      errors.add(name.apply(key(key)) + ": expected text, got " + describe(child));
      return fallback;
    }
    return child.asText();
  }

  /** A list of texts (a single text counts as a list of one). */
  List<String> strings(String key) {
    List<String> values = new ArrayList<>();
    for (ConfigNode item : list(key)) {
      if (item.node.isValueNode()) {
        values.add(item.node.asText());
      } else {
        errors.add(name.apply(item.path) + ": expected text, got " + describe(item.node));
      }
    }
    return values;
  }

  int integer(String key, int fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode child = node.get(key);
    if (!child.canConvertToInt() || !child.isIntegralNumber()) {
      errors.add(name.apply(key(key)) + ": expected a whole number, got " + describe(child));
      return fallback;
    }
    return child.asInt();
  }

  double number(String key, double fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode child = node.get(key);
    if (!child.isNumber()) {
      errors.add(name.apply(key(key)) + ": expected a number, got " + describe(child));
      return fallback;
    }
    return child.asDouble();
  }

  /** A text read by {@code parse}; its {@link IllegalArgumentException} becomes an error naming the key. */
  <T> T parsed(String key, Function<String, T> parse, T fallback) {
    String text = string(key, null);
    if (text == null) {
      return fallback;
    }
    try {
      return parse.apply(text);
    } catch (RuntimeException e) {
      errors.add(name.apply(key(key)) + ": " + e.getMessage());
      return fallback;
    }
  }

  void error(String key, String message) {
    errors.add(name.apply(key(key)) + ": " + message);
  }

  private String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a map";
    }
    if (node.isArray()) {
      return "a list";
    }
    return "'" + node.asText() + "'";
  }
}
