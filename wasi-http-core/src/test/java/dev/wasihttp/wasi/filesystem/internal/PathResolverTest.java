package dev.wasihttp.wasi.filesystem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PathResolver} never leaves the mount: named cases, then a seeded random walk over {@code
 * ..}, {@code .}, names and links pointing in, out and in circles (prints its seed).
 */
class PathResolverTest {
  static final String[] PARTS = {"..", ".", "", "a", "b", "f", "in", "out", "loop", "deep", "x"};

  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void tree() throws IOException {
    root = Files.createDirectories(tmp.resolve("mnt")).toRealPath();
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/f"), "f");
    Files.createSymbolicLink(root.resolve("a/in"), Path.of("b"));
    Files.createSymbolicLink(root.resolve("a/out"), Path.of("../../outside"));
    Files.createSymbolicLink(root.resolve("a/b/deep"), Path.of("../../a/b/../.."));
    Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
    Files.createDirectories(tmp.resolve("outside"));
  }

  Path resolve(String path) throws FsError {
    return PathResolver.resolve(root, root, path, true);
  }

  String code(String path) {
    return assertThrows(FsError.class, () -> resolve(path)).code();
  }

  @Test
  void namedCases() throws Exception {
    assertEquals(root.resolve("a/b"), resolve("a/in"));
    assertEquals(root.resolve("a/b"), resolve("a/./in/"));
    assertEquals(root, resolve("a/b/deep"));
    assertEquals(root.resolve("a/f"), resolve("a/in/../f"));
    assertEquals("not-permitted", code("a/out"));
    assertEquals("not-permitted", code("a/b/deep/.."));
    assertEquals("not-permitted", code(".."));
    assertEquals("not-permitted", code("/a"));
    assertEquals("loop", code("loop"));
    assertEquals("not-directory", code("a/f/x"));
    assertEquals("no-entry", code("nope/x"));
    assertEquals("no-entry", code(""));
    assertEquals("invalid", code("a\0b"));
    assertEquals("name-too-long", code("a/".repeat(PathResolver.MAX_PATH)));
    assertEquals(root.resolve("loop"), PathResolver.resolve(root, root, "loop", false));
  }

  @Test
  void noRandomPathLeavesTheMount() throws Exception {
    long seed = System.nanoTime();
    System.out.println("PathResolverTest seed " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 5_000; i++) {
      List<String> parts = new ArrayList<>();
      for (int n = 1 + random.nextInt(8); n > 0; n--) {
        parts.add(PARTS[random.nextInt(PARTS.length)]);
      }
      String path = String.join("/", parts);
      Path base = random.nextBoolean() ? root : root.resolve("a/b");
      try {
        Path p = PathResolver.resolve(root, base, path, random.nextBoolean());
        assertTrue(p.normalize().startsWith(root), "seed " + seed + ": " + path + " -> " + p);
      } catch (FsError expected) {
        // refused: fine
      }
    }
  }
}
