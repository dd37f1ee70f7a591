package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.compiler.internal.MachineFactory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A core module's functions as JVM bytecode (Chicory's compiler), compiled once and shared by every
 * instance of the module: each instance gets a machine that runs the generated classes.
 *
 * <p>Chicory's compiler leaves to its interpreter a function whose bytecode would exceed the JVM's
 * method size limit (64 KB); {@link #interpreted} names them. Its public entry point ({@code
 * MachineFactoryCompiler}) does not say which functions it left, so this class calls the compiler
 * itself ({@code compiler.internal.Compiler}, exported by Chicory's module); the generated classes
 * ({@code CompilerResult.classBytes()}) are what a compile cache would keep.
 */
final class CompiledCode {
  /** Makes each instance's machine; checks that the instance is built from the compiled module. */
  final Function<Instance, Machine> machines;

  /** The functions left to the interpreter, as "func INDEX" or "func INDEX (NAME)", by index. */
  final List<String> interpreted;

  private CompiledCode(Function<Instance, Machine> machines, List<String> interpreted) {
    this.machines = machines;
    this.interpreted = interpreted;
  }

  /**
   * Compiles {@code module}, the module instances are built from (the same object: the machines
   * refuse any other).
   *
   * @throws ChicoryException when a function cannot be compiled and {@code fallback} is off, or the
   *     compiler fails
   */
  static CompiledCode of(WasmModule module, boolean fallback) {
    CompilerResult result =
        Compiler.builder(module)
            .withInterpreterFallback(
                fallback ? InterpreterFallback.SILENT : InterpreterFallback.FAIL)
            .withClassCollectorFactory(ClassLoadingCollector::new)
            .build()
            .compile();
    var collector = (ClassLoadingCollector) result.collector();
    List<String> interpreted = new ArrayList<>();
    result.interpretedFunctions().stream()
        .sorted()
        .forEach(index -> interpreted.add(describe(module, index)));
    return new CompiledCode(
        new MachineFactory(module, collector.machineFactory()), List.copyOf(interpreted));
  }

  private static String describe(WasmModule module, int index) {
    String name = module.nameSection() == null ? null : module.nameSection().nameOfFunction(index);
    return name == null ? "func " + index : "func " + index + " (" + name + ")";
  }
}
