package dev.wasihttp.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** The sample components of {@code samples/components}, found from any module directory. */
public final class Samples {
  private Samples() {}

  /** {@code samples/components/NAME/NAME.wasm} as an absolute path. */
  public static Path component(String name) {
    return find("samples/components/" + name + "/" + name + ".wasm", "");
  }

  /**
   * The sample WAR as {@code samples/war} builds it ({@code target/wasi-http-sample.war}): the
   * reactor packages it before the end-to-end tests, which list it as a dependency for that order.
   */
  public static Path war() {
    return find(
        "samples/war/target/wasi-http-sample.war",
        ": build it first (./mvnw -B verify from the project's root packages it before the tests)");
  }

  private static Path find(String relative, String hint) {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path p = d.resolve(relative);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException(relative + " not found above " + dir + hint);
  }
}
