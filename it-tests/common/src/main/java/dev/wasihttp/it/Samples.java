package dev.wasihttp.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** The sample components of {@code samples/components}, found from any module directory. */
public final class Samples {
  private Samples() {}

  /** {@code samples/components/NAME/NAME.wasm} as an absolute path. */
  public static Path component(String name) {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path p = d.resolve("samples/components").resolve(name).resolve(name + ".wasm");
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("samples/components/" + name + " not found above " + dir);
  }
}
