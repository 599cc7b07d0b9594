package dev.journeys.jobs.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/** The columns of a table written both as CSV (its header) and as Parquet (its schema), in order. */
final class Columns {

  private final List<String> names = new ArrayList<>();
  private final List<DataType> types = new ArrayList<>();

  void add(String name, DataType type) {
    names.add(name);
    types.add(type);
  }

  int size() {
    return names.size();
  }

  List<String> header() {
    return List.copyOf(names);
  }

  StructType schema() {
    StructType schema = new StructType();
    for (int i = 0; i < names.size(); i++) {
      schema = schema.add(names.get(i), types.get(i));
    }
    return schema;
  }
}
