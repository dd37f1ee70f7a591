package dev.wasihttp.component.internal.binary;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer for {@link ComponentDecoder}: mutates the decoder fixtures and, when
 * present, the real components under {@code samples/components/} and requires that decoding either
 * succeeds or throws {@link ComponentException}: never another exception, never a hang.
 *
 * <p>The CI run takes a few seconds. A longer run, from the repository root:
 *
 * <pre>
 * ./mvnw -B -o test -pl wasi-http-core -Dtest=ComponentDecoderFuzzTest -Dfuzz.seconds=600
 * ./mvnw -B -o test -pl wasi-http-core -Dtest=ComponentDecoderFuzzTest -Dfuzz.seed=1234
 * </pre>
 *
 * Each iteration draws its mutations from {@code seed + iteration}, so the seed and iteration
 * printed with a failure reproduce it; the failing input is also written to {@code
 * target/fuzz-failures/}.
 */
class ComponentDecoderFuzzTest {

  private static final double DEFAULT_SECONDS = 8;

  /** One corpus entry and the byte ranges worth mutating (component structure, not core code). */
  private record Seed(String name, byte[] bytes, int[] ranges) {}

  @Test
  void mutatedComponentsFailOnlyWithComponentException() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    double seconds = Double.parseDouble(System.getProperty("fuzz.seconds", "" + DEFAULT_SECONDS));
    System.out.println(
        "ComponentDecoderFuzzTest: -Dfuzz.seed=" + seed + " -Dfuzz.seconds=" + seconds);
    List<Seed> corpus = corpus();
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long[] stats = new long[3]; // iterations, decoded, refused
    assertTimeoutPreemptively(
        Duration.ofMillis((long) (seconds * 1000) + 120_000),
        () -> {
          for (long i = 0; System.nanoTime() < deadline; i++) {
            SplittableRandom rnd = new SplittableRandom(seed + i);
            Seed s = corpus.get(rnd.nextInt(corpus.size()));
            byte[] input = s.bytes();
            int rounds = 1 + rnd.nextInt(4);
            for (int k = 0; k < rounds; k++) {
              input = mutate(input, s.ranges(), corpus, rnd);
            }
            try {
              ComponentDecoder.decode(input);
              stats[1]++;
            } catch (ComponentException e) {
              assertTrue(e.offset() >= -1 && e.offset() <= input.length, e.getMessage());
              stats[2]++;
            } catch (Throwable t) {
              Path saved = save(input, seed, i);
              throw new AssertionError(
                  "decoding a mutation of "
                      + s.name()
                      + " threw "
                      + t
                      + " (-Dfuzz.seed="
                      + seed
                      + ", iteration "
                      + i
                      + ", input "
                      + saved
                      + ")",
                  t);
            }
            stats[0]++;
          }
        });
    System.out.printf(
        "ComponentDecoderFuzzTest: %d inputs, %d decoded, %d refused%n",
        stats[0], stats[1], stats[2]);
  }

  private static List<Seed> corpus() throws IOException {
    List<Seed> out = new ArrayList<>();
    for (String f : Binaries.FIXTURES) {
      byte[] b = Binaries.fixture(f);
      out.add(new Seed(f, b, ranges(b)));
    }
    for (Path p : Binaries.samples()) {
      byte[] b = skeleton(Files.readAllBytes(p));
      out.add(new Seed(p.getFileName().toString(), b, ranges(b)));
    }
    return out;
  }

  /**
   * The component with each large top-level core module replaced by an empty one. The decoder only
   * frames core modules, and copying a 12 MB module for every input would spend the budget on array
   * copies instead of on the component structure around it.
   */
  private static byte[] skeleton(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b, 0, 8);
    try {
      BinaryReader reader = BinaryReader.of(b);
      reader.skip(8, "preamble");
      while (!reader.atEnd()) {
        int start = reader.position();
        int id = reader.u8("id");
        long size = reader.u32("size");
        reader.skip(size, "section");
        if (id == 1 && size > 4096) {
          out.writeBytes(Binaries.section(1, Binaries.emptyCoreModule()));
        } else {
          out.write(b, start, reader.position() - start);
        }
      }
    } catch (ComponentException e) {
      throw new IllegalStateException("corpus entry does not frame", e);
    }
    return out.toByteArray();
  }

  /**
   * The ranges of the top-level sections, except that of each core module only its first bytes
   * count: the decoder frames core modules and leaves their contents to the core engine.
   */
  private static int[] ranges(byte[] b) {
    List<Integer> r = new ArrayList<>(List.of(0, 8));
    try {
      BinaryReader reader = BinaryReader.of(b);
      reader.skip(8, "preamble");
      while (!reader.atEnd()) {
        int start = reader.position();
        int id = reader.u8("id");
        long size = reader.u32("size");
        int content = reader.position();
        reader.skip(size, "section");
        r.add(start);
        r.add(id == 1 ? (int) Math.min(reader.position(), content + 64L) : reader.position());
      }
    } catch (ComponentException e) {
      throw new IllegalStateException("corpus entry does not frame", e);
    }
    return r.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int position(int length, int[] ranges, SplittableRandom rnd) {
    if (length == 0) {
      return 0;
    }
    if (rnd.nextInt(5) > 0) {
      int k = rnd.nextInt(ranges.length / 2);
      int from = ranges[2 * k];
      int to = Math.min(ranges[2 * k + 1], length);
      if (from < to) {
        return from + rnd.nextInt(to - from);
      }
    }
    return rnd.nextInt(length);
  }

  private static final int[] INTERESTING = {
    0x00, 0x01, 0x02, 0x03, 0x05, 0x0d, 0x3f, 0x40, 0x41, 0x42, 0x43, 0x50, 0x60, 0x63, 0x64, 0x6f,
    0x70, 0x73, 0x7f, 0x80, 0xc0, 0xff
  };

  static byte[] mutate(byte[] in, int[] ranges, List<Seed> corpus, SplittableRandom rnd) {
    int n = in.length;
    int at = position(n, ranges, rnd);
    switch (rnd.nextInt(9)) {
      case 0: // bit flip
        if (n == 0) {
          return in;
        }
        {
          byte[] out = in.clone();
          out[at] ^= (byte) (1 << rnd.nextInt(8));
          return out;
        }
      case 1: // byte set
        if (n == 0) {
          return in;
        }
        {
          byte[] out = in.clone();
          out[at] =
              (byte)
                  (rnd.nextBoolean()
                      ? INTERESTING[rnd.nextInt(INTERESTING.length)]
                      : rnd.nextInt(256));
          return out;
        }
      case 2: // insert random bytes
        {
          byte[] ins = new byte[1 + rnd.nextInt(8)];
          for (int i = 0; i < ins.length; i++) {
            ins[i] = (byte) rnd.nextInt(256);
          }
          return splice(in, at, 0, ins);
        }
      case 3: // delete a run
        return splice(in, at, Math.min(n - at, 1 + rnd.nextInt(16)), new byte[0]);
      case 4: // LEB128 edits: toggle a continuation bit, make an encoding overlong, or huge
        if (n == 0) {
          return in;
        }
        switch (rnd.nextInt(3)) {
          case 0:
            {
              byte[] out = in.clone();
              out[at] ^= (byte) 0x80;
              return out;
            }
          case 1:
            {
              byte[] out = splice(in, at + 1, 0, new byte[] {0x00});
              out[at] |= (byte) 0x80;
              return out;
            }
          default:
            {
              int len = 1;
              while (at + len < n && (in[at + len - 1] & 0x80) != 0 && len < 5) {
                len++;
              }
              byte[] huge =
                  rnd.nextBoolean()
                      ? new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}
                      : new byte[] {(byte) (0x80 | rnd.nextInt(128)), (byte) rnd.nextInt(128)};
              return splice(in, at, len, huge);
            }
        }
      case 5: // truncate
        return Arrays.copyOf(in, at);
      case 6: // splice in a chunk of another corpus entry
        {
          Seed other = corpus.get(rnd.nextInt(corpus.size()));
          byte[] o = other.bytes();
          int from = position(o.length, other.ranges(), rnd);
          int len = Math.min(o.length - from, 1 + rnd.nextInt(64));
          byte[] chunk = Arrays.copyOfRange(o, from, from + len);
          return splice(in, at, rnd.nextBoolean() ? 0 : Math.min(n - at, len), chunk);
        }
      case 7: // duplicate a run (repeats sections and vector elements)
        {
          int len = Math.min(n - at, 1 + rnd.nextInt(32));
          return splice(in, at, 0, Arrays.copyOfRange(in, at, at + len));
        }
      default: // small arithmetic on a byte, e.g. a vec count or size off by one
        if (n == 0) {
          return in;
        }
        {
          byte[] out = in.clone();
          out[at] += (byte) (rnd.nextInt(7) - 3);
          return out;
        }
    }
  }

  private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
    byte[] out = new byte[in.length - remove + insert.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
    return out;
  }

  private static Path save(byte[] input, long seed, long iteration) {
    try {
      Path dir = Path.of("target", "fuzz-failures");
      Files.createDirectories(dir);
      return Files.write(dir.resolve("decoder-" + seed + "-" + iteration + ".wasm"), input);
    } catch (IOException e) {
      return Path.of("(not saved: " + e + ")");
    }
  }
}
