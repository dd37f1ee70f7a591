package dev.wasihttp.component.internal.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.values.Val;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random testing of the canonical ABI: lifting random types from random memory and core
 * values never fails with anything but a {@link Trap}, and random host values round-trip through
 * lowering and lifting.
 *
 * <p>Each test runs for a fixed budget (2 seconds by default) and prints its seed. Replay or run
 * longer with {@code -Dfuzz.seed=N -Dfuzz.seconds=S}, e.g. {@code ./mvnw -o test -pl wasi-http-core
 * -Dtest=LiftFuzzTest -Dfuzz.seconds=300}.
 */
class LiftFuzzTest {
  private static final StringEncoding[] ENCODINGS = StringEncoding.values();

  private static long seed(String test) {
    String given = System.getProperty("fuzz.seed");
    long seed = given == null || given.isEmpty() ? System.nanoTime() : Long.parseLong(given);
    System.out.println("LiftFuzzTest." + test + " seed=" + seed + " (replay with -Dfuzz.seed)");
    return seed;
  }

  private static long deadline() {
    String given = System.getProperty("fuzz.seconds");
    double seconds = given == null || given.isEmpty() ? 2 : Double.parseDouble(given);
    return System.nanoTime() + (long) (seconds * 1e9);
  }

  @Test
  void liftingRandomMemoryOnlyEverTraps() {
    long seed = seed("liftingRandomMemoryOnlyEverTraps");
    Random random = new Random(seed);
    RandomValues gen = new RandomValues(random);
    long deadline = deadline();
    int runs = 0;
    int traps = 0;
    while (runs < 200 || System.nanoTime() < deadline) {
      runs++;
      long caseSeed = random.nextLong();
      random.setSeed(caseSeed);
      StringEncoding encoding = ENCODINGS[random.nextInt(ENCODINGS.length)];
      FuncType f = randomFunc(gen, random, 1 + random.nextInt(random.nextBoolean() ? 3 : 20));
      try {
        if (random.nextBoolean()) {
          liftRandomBytes(gen, random, encoding, f);
        } else {
          liftMutatedValues(gen, random, encoding, f);
        }
      } catch (Trap expected) {
        traps++;
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError(
            "seed " + seed + ", case " + caseSeed + ": " + encoding + " " + f.wit() + " failed", e);
      }
    }
    System.out.println("LiftFuzzTest: " + runs + " lifts, " + traps + " traps");
  }

  /** Lifts the function's parameters and result, and its first type, from random memory. */
  private static void liftRandomBytes(
      RandomValues gen, Random random, StringEncoding encoding, FuncType f) {
    ByteArrayGuestMemory mem = new ByteArrayGuestMemory(64 << random.nextInt(7), 16);
    gen.fill(mem);
    LiftLowerContext cx = new LiftLowerContext(mem.options(encoding), handles());
    long[] args = coreValues(gen, mem, Flattening.flatSignature(f, false).params().size());
    long[] results = coreValues(gen, mem, Flattening.flatSignature(f, true).results().size());
    ValType t = f.paramTypes().get(0);
    long ptr = Layout.alignTo(Math.floorMod(gen.coreValue(mem.byteSize()), mem.byteSize()), 8);
    if (ptr + Layout.elemSize(t) <= mem.byteSize()) {
      Loading.load(cx, ptr, t);
    }
    CanonicalAbi.liftResult(cx, f, results);
    CanonicalAbi.liftParams(cx, f, args);
  }

  /**
   * Lowers valid arguments, corrupts a few bytes of memory or a core value, and lifts them again:
   * random bytes rarely get past the first pointer, corrupted values reach deep into a type.
   */
  private static void liftMutatedValues(
      RandomValues gen, Random random, StringEncoding encoding, FuncType f) {
    ByteArrayGuestMemory mem = new ByteArrayGuestMemory(1 << 16, 64);
    LiftLowerContext cx = new LiftLowerContext(mem.options(encoding), handles());
    List<Val> args = new ArrayList<>();
    for (ValType t : f.paramTypes()) {
      args.add(gen.value(t));
    }
    long[] core = CanonicalAbi.lowerParams(cx, f, args);
    long used = 64;
    for (ByteArrayGuestMemory.ReallocCall c : mem.calls()) {
      used = Math.max(used, c.result() + c.newSize());
    }
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      mem.poke(random.nextInt((int) used), random.nextInt(256));
    }
    if (core.length > 0 && random.nextInt(4) == 0) {
      core[random.nextInt(core.length)] ^= 1L << random.nextInt(32);
    }
    boolean retptr = Flattening.flatSignature(f, false).params().size() > core.length;
    CanonicalAbi.liftParams(cx, f, retptr ? append(core, 8) : core);
  }

  @Test
  void randomValuesRoundTripThroughLoweringAndLifting() {
    long seed = seed("randomValuesRoundTripThroughLoweringAndLifting");
    Random random = new Random(seed);
    RandomValues gen = new RandomValues(random);
    long deadline = deadline();
    int runs = 0;
    while (runs < 200 || System.nanoTime() < deadline) {
      runs++;
      long caseSeed = random.nextLong();
      random.setSeed(caseSeed);
      ByteArrayGuestMemory mem = new ByteArrayGuestMemory(1 << 18, 1024);
      StringEncoding encoding = ENCODINGS[random.nextInt(ENCODINGS.length)];
      LiftLowerContext cx = new LiftLowerContext(mem.options(encoding), handles());
      FuncType f = randomFunc(gen, random, 1 + random.nextInt(20));
      List<Val> args = new ArrayList<>();
      for (ValType t : f.paramTypes()) {
        args.add(gen.value(t));
      }
      Val result = f.result() == null ? null : gen.value(f.result());
      try {
        long[] core = CanonicalAbi.lowerParams(cx, f, args);
        boolean retptr = Flattening.flatSignature(f, false).params().size() > core.length;
        long[] lowered = retptr ? append(core, 8) : core;
        assertEquals(args, CanonicalAbi.liftParams(cx, f, lowered), f.wit());
        long[] coreResult = CanonicalAbi.lowerResult(cx, f, result, lowered);
        long[] lifted = retptr ? new long[] {8} : coreResult;
        assertEquals(result, CanonicalAbi.liftResult(cx, f, lifted), f.wit());
      } catch (RuntimeException | AssertionError e) {
        fail("seed " + seed + ", case " + caseSeed + ": " + encoding + " " + f.wit(), e);
      }
    }
    System.out.println("LiftFuzzTest: " + runs + " round trips");
  }

  private static FuncType randomFunc(RandomValues gen, Random random, int params) {
    List<ValType> ps = new ArrayList<>();
    for (int i = 0; i < params; i++) {
      ps.add(gen.type(random.nextInt(5)));
    }
    return Fixtures.func(ps, random.nextInt(4) == 0 ? null : gen.type(random.nextInt(5)));
  }

  private static long[] coreValues(RandomValues gen, ByteArrayGuestMemory mem, int count) {
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = gen.coreValue(mem.byteSize());
    }
    return out;
  }

  /** A handle table whose handles 1 to 8 exist, so that some handle lifts succeed. */
  private static TestHandles handles() {
    TestHandles h = new TestHandles();
    for (int i = 1; i <= 8; i++) {
      h.lowerOwn(null, new Val.Own(RandomValues.RESOURCE, i * 10));
    }
    return h;
  }

  private static long[] append(long[] values, long last) {
    long[] out = Arrays.copyOf(values, values.length + 1);
    out[values.length] = last;
    return out;
  }
}
