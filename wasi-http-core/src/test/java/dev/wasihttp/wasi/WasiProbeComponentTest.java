package dev.wasihttp.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.ComponentInstance;
import dev.wasihttp.component.InstancePre;
import dev.wasihttp.component.Linker;
import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.clocks.MonotonicClock;
import dev.wasihttp.wasi.host.WasiHost;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drives {@code wasi-probe.wat}, a guest importing wasi:random, clocks, io/poll and cli at 0.2.0,
 * (and exit) through the canonical ABI against {@link WasiHost} (registered at 0.2.12): what a real
 * guest gets back, lowered into its memory.
 */
class WasiProbeComponentTest {
  static InstancePre<WasiView> pre;

  @BeforeAll
  static void link() throws Exception {
    Component probe = Component.load(Path.of("src/test/resources/components/wasi-probe.wasm"));
    pre = WasiHost.addToLinker(new Linker<WasiView>()).instantiatePre(probe);
  }

  /** A fresh instance whose data object is the WASI state of {@code config}. */
  static ComponentInstance<WasiView> instantiate(WasiContext wasi) throws Exception {
    WasiView data = () -> wasi;
    return pre.instantiate(data);
  }

  @Test
  void randomComesFromTheConfiguredSource() throws Exception {
    WasiContext wasi = new WasiContext(WasiConfig.builder().random(new Random(3)).build());
    ComponentInstance<WasiView> guest = instantiate(wasi);
    assertEquals(new Val.U64(new Random(3).nextLong()), guest.func("random-u64").call());
    assertEquals(new Val.U32(10), guest.func("random-bytes-len").call(new Val.U64(10)));
  }

  @Test
  void tooManyRandomBytesTrapTheGuest() throws Exception {
    WasiContext wasi = new WasiContext(WasiConfig.builder().maxRandomBytes(100).build());
    ComponentInstance<WasiView> guest = instantiate(wasi);
    Trap t = assertThrows(Trap.class, () -> guest.func("random-bytes-len").call(new Val.U64(101)));
    assertTrue(t.reason().contains("100"), t.reason());
  }

  @Test
  void aGuestSleepsOnATimerPollableAndDropsIt() throws Exception {
    WasiContext wasi = new WasiContext(WasiConfig.defaults());
    ComponentInstance<WasiView> guest = instantiate(wasi);
    long start = System.nanoTime();
    assertEquals(
        new Val.U32(1), guest.func("sleep").call(new Val.U64(TimeUnit.MILLISECONDS.toNanos(30))));
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(30));
    assertEquals(0, wasi.table().size(), "the guest dropped its pollable");
  }

  @Test
  void monotonicTimeIsTheConfiguredClocks() throws Exception {
    MonotonicClock fixed =
        new MonotonicClock() {
          @Override
          public long now() {
            return 42;
          }

          @Override
          public long resolution() {
            return 1;
          }
        };
    ComponentInstance<WasiView> guest =
        instantiate(new WasiContext(WasiConfig.builder().monotonicClock(fixed).build()));
    assertEquals(new Val.U64(42), guest.func("now").call());
  }

  @Test
  void theEnvironmentReachesTheGuest() throws Exception {
    ComponentInstance<WasiView> guest =
        instantiate(new WasiContext(WasiConfig.builder().env("A", "1").env("B", "2").build()));
    assertEquals(new Val.U32(2), guest.func("env-count").call());
  }

  @Test
  void exitUnwindsTheGuestWithItsStatusAndPoisonsTheInstance() throws Exception {
    ComponentInstance<WasiView> guest = instantiate(new WasiContext(WasiConfig.defaults()));
    WasiExit failed =
        assertThrows(WasiExit.class, () -> guest.func("quit").call(new Val.Bool(true)));
    assertEquals(1, failed.status());
    assertThrows(Trap.class, () -> guest.func("env-count").call());

    ComponentInstance<WasiView> again = instantiate(new WasiContext(WasiConfig.defaults()));
    WasiExit ok = assertThrows(WasiExit.class, () -> again.func("quit").call(new Val.Bool(false)));
    assertEquals(0, ok.status());
  }
}
