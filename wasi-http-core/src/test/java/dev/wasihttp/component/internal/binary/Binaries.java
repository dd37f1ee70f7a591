package dev.wasihttp.component.internal.binary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers: hand-assembled binaries in Binary.md's encoding, and the fixture files. */
final class Binaries {
  private Binaries() {}

  static final byte[] PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};

  /** The decoder fixtures built by {@code components/build.sh} from their {@code .wat}. */
  static final List<String> FIXTURES =
      List.of("decode-types", "decode-canon", "decode-nested", "decode-names", "decode-core");

  /** Concatenates bytes given as byte arrays, ints (one byte each) or strings (UTF-8). */
  static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof byte[] bytes) {
        out.writeBytes(bytes);
      } else if (p instanceof Integer integer) {
        out.write(integer);
      } else if (p instanceof Character character) {
        out.write(character);
      } else if (p instanceof String string) {
        out.writeBytes(string.getBytes(StandardCharsets.UTF_8));
      } else {
        throw new IllegalArgumentException(String.valueOf(p));
      }
    }
    return out.toByteArray();
  }

  /** Unsigned LEB128. */
  static byte[] leb(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return out.toByteArray();
  }

  /** Signed LEB128 (s33 for type indices). */
  static byte[] sleb(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int b = (int) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return out.toByteArray();
      }
    }
  }

  /** A {@code core:name}: length and UTF-8 bytes. */
  static byte[] name(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return bytes(leb(b.length), b);
  }

  /** A section: id, size, contents. */
  static byte[] section(int id, Object... content) {
    byte[] c = bytes(content);
    return bytes(id, leb(c.length), c);
  }

  /** A vec section: id, size, count, items. */
  static byte[] vecSection(int id, int count, Object... items) {
    return section(id, leb(count), bytes(items));
  }

  /** A component: the preamble and the given sections. */
  static byte[] component(Object... sections) {
    return bytes(PREAMBLE, bytes(sections));
  }

  /** The smallest core module: its preamble. */
  static byte[] emptyCoreModule() {
    return new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  }

  static byte[] fixture(String name) {
    try (InputStream in = Binaries.class.getResourceAsStream("/components/" + name + ".wasm")) {
      if (in == null) {
        throw new IllegalStateException(
            "missing fixture " + name + ".wasm: run components/build.sh");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The real components under {@code samples/components/*}, if this checkout has them. */
  static List<Path> samples() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("samples/components"))) {
      dir = dir.getParent();
    }
    List<Path> out = new ArrayList<>();
    if (dir == null) {
      return out;
    }
    try (Stream<Path> s = Files.walk(dir.resolve("samples/components"), 2)) {
      s.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
