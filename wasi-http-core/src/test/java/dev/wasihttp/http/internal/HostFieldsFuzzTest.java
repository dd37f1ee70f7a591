package dev.wasihttp.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.http.HttpField;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random testing of field validation, where a guest's bytes become header fields: random
 * names and values (valid, invalid, forbidden, oversized) through every {@code fields} operation
 * never fail with anything but a {@link HeaderError} or the size-cap {@link Trap}, never let an
 * invalid or forbidden entry in, never exceed the cap, and agree with a plain list model of the
 * spec's semantics.
 *
 * <p>A few seconds in CI; it prints its seed. Replay or run longer with {@code -Dfuzz.seed=N
 * -Dfuzz.seconds=S}, e.g. {@code ./mvnw -B -o test -pl wasi-http-core -Dtest=HostFieldsFuzzTest
 * -Dfuzz.seconds=600}.
 */
class HostFieldsFuzzTest {
  private static final FieldRules RULES = new FieldRules(Set.of("connection", "host"), 4096);
  private static final String[] NAMES = {
    "x-a",
    "X-A",
    "content-length",
    "connection",
    "Host",
    "set-cookie",
    "",
    "bad name",
    "x\u00e9",
    "x:y",
    "te",
    "x-b"
  };

  @Test
  void everyFieldsOperationKeepsTheRules() {
    String givenSeed = System.getProperty("fuzz.seed");
    long seed =
        givenSeed == null || givenSeed.isEmpty() ? System.nanoTime() : Long.parseLong(givenSeed);
    String givenSeconds = System.getProperty("fuzz.seconds");
    double seconds =
        givenSeconds == null || givenSeconds.isEmpty() ? 2 : Double.parseDouble(givenSeconds);
    System.out.println("HostFieldsFuzzTest seed=" + seed + " (replay with -Dfuzz.seed)");
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long runs = 0;
    for (long i = 0; System.nanoTime() < deadline || i < 200; i++, runs++) {
      try {
        run(new SplittableRandom(seed + i));
      } catch (AssertionError | RuntimeException e) {
        fail("seed " + seed + ", run " + i + ": " + e, e);
      }
    }
    assertTrue(runs >= 200);
  }

  /** One random life of a fields object, checked against a list model after every step. */
  private static void run(SplittableRandom rnd) {
    List<HostFields.Entry> model = new ArrayList<>();
    HostFields fields;
    if (rnd.nextBoolean()) {
      fields = HostFields.empty(RULES);
    } else {
      List<HostFields.Entry> list = new ArrayList<>();
      for (int n = rnd.nextInt(6); n > 0; n--) {
        list.add(new HostFields.Entry(name(rnd), value(rnd)));
      }
      Object made;
      try {
        made = HostFields.fromList(RULES, list);
      } catch (Trap t) {
        assertTrue(size(list) > RULES.maxFieldSize(), "a trap only past the cap");
        return;
      }
      if (made instanceof HeaderError) {
        assertTrue(list.stream().anyMatch(e -> !allowed(e.name(), e.value())));
        return;
      }
      fields = (HostFields) made;
      model.addAll(list);
    }
    for (int step = rnd.nextInt(20); step > 0; step--) {
      String name = name(rnd);
      byte[] value = value(rnd);
      boolean mutable = fields.isMutable();
      try {
        switch (rnd.nextInt(5)) {
          case 0 -> {
            HeaderError error = fields.append(name, value);
            assertEquals(expected(name, List.of(value), mutable, true), error, name);
            if (error == null) {
              model.add(new HostFields.Entry(name, value));
            }
          }
          case 1 -> {
            List<byte[]> values = List.of(value, value(rnd));
            HeaderError error = fields.set(name, values);
            assertEquals(expected(name, values, mutable, false), error, name);
            if (error == null) {
              setInModel(model, name, values);
            }
          }
          case 2 -> {
            HeaderError error = fields.delete(name);
            assertEquals(expected(name, List.of(), mutable, false), error, name);
            if (error == null) {
              model.removeIf(e -> e.name().equalsIgnoreCase(name));
            }
          }
          case 3 -> {
            if (rnd.nextInt(4) == 0) {
              fields.freeze();
            } else {
              fields = fields.copy();
            }
          }
          default -> {
            List<byte[]> got = fields.get(name);
            List<byte[]> want = new ArrayList<>();
            for (HostFields.Entry e : model) {
              if (e.name().equalsIgnoreCase(name)) {
                want.add(e.value());
              }
            }
            assertEquals(want.size(), got.size());
            assertEquals(!want.isEmpty(), fields.has(name));
          }
        }
      } catch (Trap t) {
        assertTrue(t.reason().startsWith("fields size limit exceeded"), t.reason());
        return; // the guest's call trapped: the request is over
      }
      check(fields, model);
    }
  }

  /**
   * The error the spec's checks give, in Wasmtime's order: name syntax, forbidden, then value
   * syntax before mutability for {@code append}, after it for {@code set}.
   */
  private static HeaderError expected(
      String name, List<byte[]> values, boolean mutable, boolean valuesFirst) {
    if (!FieldRules.isValidName(name)) {
      return HeaderError.INVALID_SYNTAX;
    }
    if (RULES.isForbidden(name)) {
      return HeaderError.FORBIDDEN;
    }
    boolean badValue = values.stream().anyMatch(v -> !FieldRules.isValidValue(name, v));
    if (valuesFirst && badValue) {
      return HeaderError.INVALID_SYNTAX;
    }
    if (!mutable) {
      return HeaderError.IMMUTABLE;
    }
    return badValue ? HeaderError.INVALID_SYNTAX : null;
  }

  private static void check(HostFields fields, List<HostFields.Entry> model) {
    List<HostFields.Entry> entries = fields.entries();
    assertEquals(model.size(), entries.size());
    for (int k = 0; k < entries.size(); k++) {
      assertEquals(model.get(k).name(), entries.get(k).name());
      assertArrayEquals(model.get(k).value(), entries.get(k).value());
      assertTrue(allowed(entries.get(k).name(), entries.get(k).value()));
    }
    assertEquals(size(model), fields.size());
    assertTrue(fields.size() <= RULES.maxFieldSize());
  }

  private static void setInModel(List<HostFields.Entry> model, String name, List<byte[]> values) {
    int at = -1;
    for (int k = 0; k < model.size(); k++) {
      if (model.get(k).name().equalsIgnoreCase(name)) {
        at = k;
        break;
      }
    }
    model.removeIf(e -> e.name().equalsIgnoreCase(name));
    List<HostFields.Entry> added = new ArrayList<>();
    for (byte[] v : values) {
      added.add(new HostFields.Entry(name, v));
    }
    model.addAll(at < 0 ? model.size() : at, added);
  }

  private static boolean allowed(String name, byte[] value) {
    return FieldRules.isValidName(name)
        && !RULES.isForbidden(name)
        && FieldRules.isValidValue(name, value);
  }

  private static long size(List<HostFields.Entry> entries) {
    long n = 0;
    for (HostFields.Entry e : entries) {
      n += e.name().length() + e.value().length + HttpField.SIZE_OVERHEAD;
    }
    return n;
  }

  private static String name(SplittableRandom rnd) {
    if (rnd.nextInt(4) > 0) {
      return NAMES[rnd.nextInt(NAMES.length)];
    }
    StringBuilder b = new StringBuilder();
    for (int n = rnd.nextInt(12); n > 0; n--) {
      b.append((char) rnd.nextInt(rnd.nextBoolean() ? 0x80 : 0x3000));
    }
    return b.toString();
  }

  private static byte[] value(SplittableRandom rnd) {
    switch (rnd.nextInt(5)) {
      case 0:
        return "42".getBytes(StandardCharsets.US_ASCII);
      case 1:
        return new byte[rnd.nextInt(3000)]; // NULs: invalid, and large
      default:
        byte[] v = new byte[rnd.nextInt(40)];
        for (int k = 0; k < v.length; k++) {
          v[k] = (byte) (rnd.nextInt(8) == 0 ? rnd.nextInt(256) : 0x20 + rnd.nextInt(0x5f));
        }
        return v;
    }
  }
}
