package dev.wasihttp.component.internal.engine;

import static dev.wasihttp.component.internal.engine.ModuleBytes.module;
import static dev.wasihttp.component.internal.engine.ModuleBytes.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import org.junit.jupiter.api.Test;

/** Core modules this runtime refuses at load, with the module's offset and the reason. */
class CoreModuleTest {
  // (module (memory 1 1 shared))
  static final byte[] SHARED_MEMORY = module(section(5, 1, 0x03, 1, 1));

  // (module (memory 1 1))
  static final byte[] MEMORY = module(section(5, 1, 0x01, 1, 1));

  @Test
  void aModuleThatDefinesASharedMemoryIsRefused() throws Exception {
    ComponentException e =
        assertThrows(ComponentException.class, () -> CoreModule.parse(SHARED_MEMORY, 40));
    assertEquals(ComponentException.Kind.INVALID, e.kind());
    assertEquals(40, e.offset());
    assertTrue(e.detail().startsWith("core module: memory 0 is shared (threads)"), e.detail());

    CoreModule.parse(MEMORY, 40);
  }
}
