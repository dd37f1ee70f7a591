package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import dev.wasihttp.component.errors.ComponentException;

/**
 * The initial contents of the memory a core module defines: its active data segments applied once,
 * in order, into a byte image (Core spec, "Instantiation"). Each instance then gets a fresh memory
 * filled with one copy per non-zero block, instead of Chicory zeroing it and copying every segment
 * again (StarlingMonkey's main module has 10,000 segments in 9.5 MB). The blocks are shared by
 * every instance's {@link LinearMemory.Image}, which only copies the blocks that differ.
 *
 * <p>Chicory 1.7.5 zeroes and fills every memory a module defines, so an instance is built from a
 * variant of the module ({@link PreparedModule}) that imports that memory instead: same index 0,
 * same limits, created and filled here. Its active segments become passive ones with the same
 * bytes: Chicory keeps an active segment's bytes after instantiation (for {@code memory.init}), and
 * so does the variant.
 */
final class MemoryImage {
  /** The import that hands the memory in; no component names a core import like this. */
  private static final String MODULE = "\0wasi-http";

  private static final String NAME = "memory";
  private static final int PAGE = Memory.PAGE_SIZE;

  /** The variant's data section: every segment passive. */
  final DataSection data;

  private final MemoryLimits limits;

  /** The initial blocks; null where a block is all zeroes (a new memory already is). */
  final byte[][] blocks;

  private MemoryImage(DataSection data, MemoryLimits limits, byte[][] blocks) {
    this.data = data;
    this.limits = limits;
    this.blocks = blocks;
  }

  /**
   * The image of {@code m}'s memory, or null when Chicory must initialise it as usual: when the
   * module defines no memory or imports one, or a segment's offset is not a constant or its bytes
   * do not fit (instantiation then fails the usual way, with the usual message).
   */
  static MemoryImage of(WasmModule m) {
    if (m.memorySection().isEmpty()
        || m.memorySection().get().memoryCount() != 1
        || m.importSection().count(ExternalType.MEMORY) != 0) {
      return null;
    }
    MemoryLimits limits = m.memorySection().get().getMemory(0).limits();
    if (limits.shared() || limits.initialPages() > Memory.RUNTIME_MAX_PAGES) {
      return null;
    }
    int size = limits.initialPages() * PAGE;
    byte[] image = new byte[size];
    DataSection.Builder data = DataSection.builder();
    for (DataSegment s : m.dataSection().dataSegments()) {
      if (s instanceof ActiveDataSegment a) {
        Integer offset = PreparedModule.i32Constant(a.offsetInstructions());
        byte[] bytes = a.data();
        if (a.index() != 0 || offset == null || offset < 0 || (long) offset + bytes.length > size) {
          return null;
        }
        System.arraycopy(bytes, 0, image, offset, bytes.length);
        data.addDataSegment(new PassiveDataSegment(bytes));
      } else {
        data.addDataSegment(s);
      }
    }
    return new MemoryImage(data.build(), limits, LinearMemory.blocksOf(image));
  }

  /** The memory import the variant declares, last of its imports. */
  MemoryImport declaration() {
    return new MemoryImport(MODULE, NAME, limits);
  }

  /**
   * A new memory holding the image, counted by {@code limiter}; owned by the caller.
   *
   * @throws ComponentException when {@code limiter} refuses it
   */
  LinearMemory newMemory(MemoryLimiter limiter) throws ComponentException {
    LinearMemory memory = new LinearMemory(limits, limiter);
    memory.fill(blocks);
    return memory;
  }

  /** {@code memory} as the variant imports it. */
  static ImportMemory asImport(Memory memory) {
    return new ImportMemory(MODULE, NAME, memory);
  }
}
