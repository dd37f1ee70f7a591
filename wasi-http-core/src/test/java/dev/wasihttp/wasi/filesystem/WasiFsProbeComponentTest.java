package dev.wasihttp.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.ComponentInstance;
import dev.wasihttp.component.InstancePre;
import dev.wasihttp.component.Linker;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.WasiView;
import dev.wasihttp.wasi.host.WasiHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives {@code wasi-fs-probe.wat}, a guest importing wasi:filesystem at 0.2.0, through the
 * canonical ABI: the preopen list, a {@code descriptor-stat} record, an {@code error-code} enum and
 * {@code descriptor-flags} as a guest reads them from its memory.
 */
class WasiFsProbeComponentTest {
  /** Indices of {@code error-code} cases, as the guest sees them. */
  static final int NO_ENTRY = 20;

  static final int NOT_PERMITTED = 31;

  static InstancePre<WasiView> pre;

  @TempDir Path dir;

  @BeforeAll
  static void link() throws Exception {
    Component probe = Component.load(Path.of("src/test/resources/components/wasi-fs-probe.wasm"));
    pre = WasiHost.addToLinker(new Linker<WasiView>()).instantiatePre(probe);
  }

  ComponentInstance<WasiView> instantiate(WasiContext wasi) throws Exception {
    WasiView data = () -> wasi;
    return pre.instantiate(data);
  }

  @Test
  void aGuestStatsFilesBelowItsPreopenAndNothingElse() throws Exception {
    Files.writeString(dir.resolve("hello.txt"), "hello, world");
    WasiContext wasi = new WasiContext(WasiConfig.builder().directory(dir, "/srv").build());
    ComponentInstance<WasiView> guest = instantiate(wasi);

    assertEquals(new Val.S64(12), guest.func("stat-size").call(new Val.Str("hello.txt")));
    assertEquals(
        new Val.S64(-1 - NO_ENTRY), guest.func("stat-size").call(new Val.Str("missing.txt")));
    assertEquals(
        new Val.S64(-1 - NOT_PERMITTED), guest.func("stat-size").call(new Val.Str("../etc")));
    assertEquals(new Val.U32(1), guest.func("root-flags").call(), "read only: the read bit");
    assertEquals(0, wasi.table().size(), "the guest dropped its descriptors");
  }

  @Test
  void withoutADirectoryThereIsNoPreopen() throws Exception {
    ComponentInstance<WasiView> guest = instantiate(new WasiContext(WasiConfig.defaults()));
    assertEquals(new Val.S64(-1000), guest.func("stat-size").call(new Val.Str("hello.txt")));
  }
}
