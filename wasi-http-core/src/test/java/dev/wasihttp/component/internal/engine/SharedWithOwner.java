package dev.wasihttp.component.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.errors.Trap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.function.Executable;

/**
 * A guest module of {@code src/test/resources/core} instantiated beside the instance of {@code
 * owner.wat} whose memory and table it imports, as two core instances of one component share them.
 * Calls go through {@link Engine#trapping}, as the component boundary makes them: whatever escapes
 * is a {@code Trap} (a {@code HostFault} when it is not a trap of the engine's own).
 */
record SharedWithOwner(CoreInstance owner, CoreInstance guest) {
  /** The bytes of the core module fixture {@code name}. */
  static byte[] fixture(String name) {
    try {
      return Files.readAllBytes(Path.of("src/test/resources/core", name + ".wasm"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code bytes} parsed, and compiled in {@link EngineMode#COMPILER}. */
  static CoreModule parse(byte[] bytes, EngineMode mode) throws ComponentException {
    CoreModule m = CoreModule.parse(bytes, 0);
    return switch (mode) {
      case INTERPRETER -> m;
      case COMPILER, AUTO -> m.compiled(false, 0, null, null);
    };
  }

  /** A new owner instance, and the guest {@code fixture} linked to its exports. */
  static SharedWithOwner of(String fixture, EngineMode mode) throws ComponentException {
    CoreInstance owner = Engine.instantiate(parse(fixture("owner"), mode), imp -> null);
    CoreInstance guest =
        Engine.instantiate(parse(fixture(fixture), mode), imp -> owner.export(imp.name()));
    return new SharedWithOwner(owner, guest);
  }

  /**
   * The trap {@code call} ends with: the engine's own, not a host fault around a Java exception.
   */
  static Trap trap(Executable call) {
    Trap t = assertThrows(Trap.class, call);
    assertEquals(Trap.class, t.getClass(), () -> "not the engine's trap: " + t);
    return t;
  }

  /** Calls the guest's export {@code name}. */
  long[] guest(String name, long... args) {
    return call(guest, name, args);
  }

  /** The owner's function in table slot {@code slot}, called by the owner. */
  long ownerCalls(int slot) {
    return call(owner, "call", slot)[0];
  }

  /** The byte at {@code address} of the owner's memory. */
  long ownerByte(int address) {
    return call(owner, "load8", address)[0];
  }

  private static long[] call(CoreInstance instance, String name, long... args) {
    return Engine.trapping(((CoreExtern.Func) instance.export(name)).function()).call(args);
  }
}
