package dev.wasihttp.wasi.filesystem.internal;

import dev.wasihttp.component.values.Val;
import java.nio.file.Path;
import java.util.List;

/**
 * The state behind a {@code directory-entry-stream}: the directory's entry names, listed when the
 * stream was opened (without {@code .} and {@code ..}, sorted), each typed when it is read.
 */
final class DirEntries {
  private final Path dir;
  private final List<String> names;
  private int next;

  public DirEntries(Path dir, List<String> names) {
    this.dir = dir;
    this.names = List.copyOf(names);
  }

  /** The next {@code directory-entry} record, or null at the end. */
  public Val next() {
    while (next < names.size()) {
      String name = names.get(next++);
      String type;
      try {
        type = Stat.type(Stat.attributes(dir.resolve(name)));
      } catch (FsError e) {
        continue; // removed since it was listed
      }
      return new Val.RecordValue(
          List.of(
              new Val.RecordValue.Field("type", new Val.EnumValue(type)),
              new Val.RecordValue.Field("name", new Val.Str(name))));
    }
    return null;
  }
}
