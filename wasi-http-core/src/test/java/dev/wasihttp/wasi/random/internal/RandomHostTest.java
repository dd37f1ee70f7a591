package dev.wasihttp.wasi.random.internal;

import static dev.wasihttp.wasi.WasiHarness.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiHarness;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code wasi:random}: configured sources, the byte cap, a stable insecure seed. */
class RandomHostTest {
  @Test
  void replaceableSourcesMakeItDeterministic() {
    WasiConfig config =
        WasiConfig.builder().random(new Random(1)).insecureRandom(new Random(2)).build();
    WasiHarness guest = new WasiHarness(config);
    assertEquals(u64(new Random(1).nextLong()), guest.call("random/random", "get-random-u64"));
    assertEquals(
        u64(new Random(2).nextLong()), guest.call("random/insecure", "get-insecure-random-u64"));
    Val.ListValue bytes = (Val.ListValue) guest.call("random/random", "get-random-bytes", u64(16));
    assertEquals(16, bytes.elements().size());
  }

  @Test
  void askingForMoreThanTheCapTraps() {
    WasiHarness guest = new WasiHarness(WasiConfig.builder().maxRandomBytes(64).build());
    assertEquals(
        64,
        ((Val.ListValue) guest.call("random/random", "get-random-bytes", u64(64)))
            .elements()
            .size());
    Trap t =
        assertThrows(Trap.class, () -> guest.call("random/random", "get-random-bytes", u64(65)));
    assertTrue(t.reason().contains("64"), t.reason());
    assertThrows(
        Trap.class, () -> guest.call("random/insecure", "get-insecure-random-bytes", u64(-1L)));
  }

  @Test
  void theInsecureSeedIsStableForAnInstanceAndFreshPerInstance() {
    WasiHarness a = new WasiHarness();
    Val seed = a.call("random/insecure-seed", "insecure-seed");
    assertEquals(seed, a.call("random/insecure-seed", "insecure-seed"));
    assertNotEquals(seed, new WasiHarness().call("random/insecure-seed", "insecure-seed"));

    WasiHarness fixed = new WasiHarness(WasiConfig.builder().insecureSeed(7, 8).build());
    assertEquals(
        new Val.Tuple(List.of(u64(7), u64(8))),
        fixed.call("random/insecure-seed", "insecure-seed"));
  }
}
