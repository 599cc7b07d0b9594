package dev.journeys.jobs.io;

import java.util.Map;

/**
 * Attributes (names to values) as the map column {@link OutputSchema#ATTRIBUTES} holds them in Spark's rows, and back:
 * Spark's encoders take Scala maps, the kernel and the readers Java ones.
 */
public final class AttributeMaps {

  private AttributeMaps() {}

  /** Attributes as a row's map column holds them: null stays null. */
  public static Object column(Map<String, String> attributes) {
    return attributes == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(attributes);
  }

  /** A row's map column as a Java map: null stays null, a Java or Scala map becomes a Java map. */
  @SuppressWarnings("unchecked")
  public static Map<String, String> of(Object value) {
    if (value == null || value instanceof Map<?, ?>) {
      return (Map<String, String>) value;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      return scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Map<String, String>) map);
    }
    throw new IllegalArgumentException("attributes must be a map, got " + value.getClass().getName());
  }
}
