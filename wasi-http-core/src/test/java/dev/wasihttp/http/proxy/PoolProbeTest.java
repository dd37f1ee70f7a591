package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.InstancePool;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code pool-probe.wat}, a guest that reports the state its instance holds (globals, memory, data
 * and elem segments, its table, its resource handles) and then changes all of it: on a fresh
 * instance its report is the state right after instantiation.
 */
class PoolProbeTest {
  static final Path POOL_PROBE = Path.of("src/test/resources/components/pool-probe.wasm");

  /** The report's length: ten i32 and 16 random bytes. */
  static final int REPORT_BYTES = 56;

  static final Samples.Lines LOG = new Samples.Lines();
  static WasiHttpHandler handler;

  /**
   * The index of the fields handle {@code handle} creates first, on a fresh instance. Handles 1 and
   * 2 of the instance's table are the incoming-request and the response-outparam the lifted {@code
   * handle} received (lowered in parameter order), so the first handle the guest makes itself is 3.
   */
  static final int INITIAL_HANDLE = 3;

  /**
   * The 56-byte report {@code pool-probe.wat} answers, each field an i32 little-endian but {@code
   * random}: the state as {@code handle} found it, before it changed it.
   */
  record Report(
      int counter,
      int staticValue,
      int fill,
      int copy,
      int init,
      int pages,
      int bump,
      int tableSize,
      int table0NonNull,
      int leakedHandle,
      byte[] random) {

    /**
     * The report of an instance right after instantiation: everything but {@code random}, which is
     * not compared.
     */
    static final Report INITIAL =
        new Report(7, 0x11223344, 0, 0, 0, 1, 16384, 2, 1, INITIAL_HANDLE, null);

    /** The first 40 bytes (all but {@code random}) as a list, for comparing reports. */
    List<Integer> state() {
      return List.of(
          counter,
          staticValue,
          fill,
          copy,
          init,
          pages,
          bump,
          tableSize,
          table0NonNull,
          leakedHandle);
    }
  }

  /** Parses a {@code pool-probe} response body. */
  static Report parse(byte[] body) {
    assertEquals(REPORT_BYTES, body.length, "report length");
    ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    return new Report(
        b.getInt(0),
        b.getInt(4),
        b.getInt(8),
        b.getInt(12),
        b.getInt(16),
        b.getInt(20),
        b.getInt(24),
        b.getInt(28),
        b.getInt(32),
        b.getInt(36),
        Arrays.copyOfRange(body, 40, REPORT_BYTES));
  }

  @BeforeAll
  static void link() throws Exception {
    handler =
        WasiHttpHandler.create(
            Component.load(POOL_PROBE),
            WasiHttpConfig.builder()
                .componentName("pool-probe")
                .log(LOG)
                .pool(InstancePool.Config.NONE)
                .build());
  }

  @AfterAll
  static void close() {
    handler.close();
  }

  static Report get() {
    return get(handler);
  }

  /** One GET through {@code handler}, which must answer 200 and a report. */
  static Report get(WasiHttpHandler handler) {
    MemoryExchange x = new MemoryExchange("GET", "/");
    handler.handle(x);
    assertEquals(List.of("respond 200", "finish"), x.calls, LOG.snapshot()::toString);
    return parse(x.body.toByteArray());
  }

  @Test
  void eachRequestSeesTheStateRightAfterInstantiation() {
    Report first = get();
    assertEquals(Report.INITIAL.state(), first.state());

    // Without a pool the handler instantiates afresh per request: the first request's changes are
    // gone, its table.grow included (each core instance's table has limits of its own).
    Report second = get();
    assertEquals(Report.INITIAL.state(), second.state());
    assertFalse(Arrays.equals(first.random(), second.random()), "random bytes repeat");
  }
}
