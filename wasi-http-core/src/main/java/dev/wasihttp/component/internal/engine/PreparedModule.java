package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasihttp.component.errors.ComponentException;
import java.util.List;

/**
 * A core module as it is instantiated: what only depends on the module (its memory image, its
 * element segments, what its {@link BoundsGuard} checks) is computed once, and each instance only
 * creates state from it. Immutable and shared by all instances of the module.
 */
final class PreparedModule {
  /** The module to build instances from: the original one, or a variant (see the parts). */
  final WasmModule module;

  private final MemoryImage memory;
  private final ElementSegments elements;

  /** The module's functions compiled to JVM bytecode; null when the interpreter runs them. */
  final CompiledCode compiled;

  /** What the module's instances need of a {@link BoundsGuard}. */
  final BoundsGuard.Needs guard;

  private PreparedModule(
      WasmModule module,
      MemoryImage memory,
      ElementSegments elements,
      CompiledCode compiled,
      BoundsGuard.Needs guard) {
    this.module = module;
    this.memory = memory;
    this.elements = elements;
    this.compiled = compiled;
    this.guard = guard;
  }

  /**
   * This preparation with the module compiled ({@link CompiledCode}); {@code fallback} lets the
   * compiler leave a function it cannot compile to the interpreter. The functions whose bounds only
   * the guard checks right are left to the interpreter whatever {@code fallback} says.
   */
  PreparedModule compiled(boolean fallback, CompileCache cache, String key) {
    return new PreparedModule(
        module,
        memory,
        elements,
        CompiledCode.of(module, fallback, guard.tableFunctions(), cache, key),
        guard);
  }

  /** This preparation running {@code code}, compiled earlier for the same module. */
  PreparedModule withCode(CompiledCode code) {
    return new PreparedModule(module, memory, elements, code, guard);
  }

  static PreparedModule of(WasmModule m) {
    BoundsGuard.Needs guard = BoundsGuard.needs(m);
    MemoryImage memory = MemoryImage.of(m);
    ElementSegments elements = ElementSegments.of(m);
    if (memory == null && elements == null) {
      return new PreparedModule(m, null, null, null, guard);
    }
    WasmModule.Builder variant = CoreModule.copy(m);
    if (memory != null) {
      ImportSection.Builder imports = ImportSection.builder();
      for (int i = 0; i < m.importSection().importCount(); i++) {
        imports.addImport(m.importSection().getImport(i));
      }
      imports.addImport(memory.declaration());
      variant.setMemorySection(null).setImportSection(imports.build()).setDataSection(memory.data);
    }
    if (elements != null) {
      variant.setElementSection(elements.section);
    }
    return new PreparedModule(variant.build(), memory, elements, null, guard);
  }

  /**
   * The memory the variant imports, filled with the image and counted by {@code limiter}; null when
   * it imports none.
   *
   * @throws ComponentException when {@code limiter} refuses it
   */
  LinearMemory newMemory(MemoryLimiter limiter) throws ComponentException {
    return memory == null ? null : memory.newMemory(limiter);
  }

  /** The blocks {@link #newMemory} fills a memory from; null when it imports none. */
  byte[][] memoryBlocks() {
    return memory == null ? null : memory.blocks;
  }

  /**
   * Initialises what the variant left to this class, before {@code Instance.initialize} (which then
   * sets globals, applies what remains and runs the start function). Nothing runs in between, and
   * constant offsets read no global, so the order is not observable.
   */
  void initialize(Instance instance) {
    if (elements != null) {
      elements.apply(instance);
    }
  }

  /** The value of a constant expression that is a single {@code i32.const}, or null. */
  static Integer i32Constant(List<Instruction> expr) {
    Integer value = null;
    for (Instruction ins : expr) {
      if (ins.opcode() == OpCode.I32_CONST && value == null) {
        value = (int) ins.operand(0);
      } else if (ins.opcode() != OpCode.END) {
        return null;
      }
    }
    return value;
  }
}
