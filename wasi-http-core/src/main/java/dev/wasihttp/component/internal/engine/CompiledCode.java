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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A core module's functions as JVM bytecode (Chicory's compiler), compiled once and shared by every
 * instance of the module: each instance gets a machine that runs the generated classes.
 *
 * <p>Chicory's compiler leaves to its interpreter a function whose bytecode would exceed the JVM's
 * method size limit (64 KB), and this runtime leaves it the functions whose bounds only a {@link
 * BoundsGuard} checks right; {@link #interpreted} names them. Its public entry point ({@code
 * MachineFactoryCompiler}) does not say which functions it left, so this class calls the compiler
 * itself ({@code compiler.internal.Compiler}, exported by Chicory's module); the generated classes
 * ({@code CompilerResult.classBytes()}) are what a compile cache would keep.
 */
final class CompiledCode {
  /** The first four bytes of a cache entry: {@code WHCC}. */
  private static final int MAGIC = 0x57484343;

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
   * refuse any other), or loads what an earlier compilation left in {@code cache} under {@code key}
   * (a cache that cannot be read or written only costs a compilation).
   *
   * @param interpreted functions (by index, imports counted) to leave to the interpreter whether or
   *     not they can be compiled
   * @param cache where compiled modules are kept, or null: none
   * @throws ChicoryException when a function cannot be compiled and {@code fallback} is off, or the
   *     compiler fails
   */
  static CompiledCode of(
      WasmModule module,
      boolean fallback,
      Set<Integer> interpreted,
      CompileCache cache,
      String key) {
    if (cache != null) {
      CompiledCode cached = load(module, cache, key);
      if (cached != null) {
        return cached;
      }
    }
    CompilerResult result = compile(module, fallback, interpreted);
    var collector = (ClassLoadingCollector) result.collector();
    if (cache != null) {
      try {
        cache.putIfAbsent(
            key,
            write(
                collector.mainClassName(), collector.classBytes(), result.interpretedFunctions()));
      } catch (IOException e) {
        // Kept for the next start only; this one has its classes.
      }
    }
    return new CompiledCode(
        new MachineFactory(module, collector.machineFactory()),
        describe(module, result.interpretedFunctions()));
  }

  /**
   * Chicory's compiler takes a fixed set of interpreted functions only if it may leave no other to
   * the interpreter: when a function of the module is too large to compile as well, and {@code
   * fallback} allows, a compilation without the set finds which, and a last one leaves both.
   */
  private static CompilerResult compile(
      WasmModule module, boolean fallback, Set<Integer> interpreted) {
    if (interpreted.isEmpty()) {
      return compiler(module)
          .withInterpreterFallback(fallback ? InterpreterFallback.SILENT : InterpreterFallback.FAIL)
          .build()
          .compile();
    }
    try {
      return compileLeaving(module, interpreted);
    } catch (ChicoryException e) {
      if (!fallback) {
        throw e;
      }
      Set<Integer> left = new TreeSet<>(interpreted);
      left.addAll(
          compiler(module)
              .withInterpreterFallback(InterpreterFallback.SILENT)
              .build()
              .compile()
              .interpretedFunctions());
      return compileLeaving(module, left);
    }
  }

  private static CompilerResult compileLeaving(WasmModule module, Set<Integer> interpreted) {
    return compiler(module)
        .withInterpreterFallback(InterpreterFallback.FAIL)
        .withInterpretedFunctions(interpreted)
        .build()
        .compile();
  }

  private static Compiler.Builder compiler(WasmModule module) {
    return Compiler.builder(module).withClassCollectorFactory(ClassLoadingCollector::new);
  }

  /** The classes {@code cache} holds for {@code key}, loaded; null when there are none usable. */
  static CompiledCode load(WasmModule module, CompileCache cache, String key) {
    Classes classes = Classes.load(cache, key);
    return classes == null ? null : classes.bind(module);
  }

  /**
   * The classes of one cache entry, defined (and verified by the JVM) in a class loader of their
   * own, before the module they run is built: so that the module can be parsed knowing which
   * function bodies only the interpreter still needs ({@link #interpreted}).
   */
  static final class Classes {
    private final Function<Instance, Machine> machines;

    /** The functions left to the interpreter, by index (imports counted). */
    final Set<Integer> interpreted;

    private Classes(Function<Instance, Machine> machines, Set<Integer> interpreted) {
      this.machines = machines;
      this.interpreted = interpreted;
    }

    /**
     * The entry {@code cache} holds for {@code key}, its classes defined; null when there is none
     * usable. One that cannot be read or defined is removed, to be compiled again and written
     * afresh.
     */
    static Classes load(CompileCache cache, String key) {
      try {
        byte[] entry = cache.get(key);
        if (entry == null) {
          return null;
        }
        var in = new DataInputStream(new ByteArrayInputStream(entry));
        if (in.readInt() != MAGIC) {
          throw new IOException("not a compiled module");
        }
        String main = in.readUTF();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
          String name = in.readUTF();
          byte[] bytes = new byte[in.readInt()];
          in.readFully(bytes);
          classes.put(name, bytes);
        }
        Set<Integer> interpreted = new TreeSet<>();
        for (int i = in.readInt(); i > 0; i--) {
          interpreted.add(in.readInt());
        }
        var collector = new ClassLoadingCollector();
        classes.forEach(
            (name, bytes) -> {
              if (!name.equals(main)) {
                collector.put(name, bytes);
              }
            });
        collector.putMainClass(main, classes.get(main));
        return new Classes(collector.machineFactory(), Set.copyOf(interpreted));
      } catch (IOException | RuntimeException | LinkageError e) {
        try {
          cache.remove(key);
        } catch (IOException ignored) {
          // Then it is compiled on every start until the entry can be removed.
        }
        return null;
      }
    }

    /** These classes running instances of {@code module}, the module they were compiled from. */
    CompiledCode bind(WasmModule module) {
      return new CompiledCode(new MachineFactory(module, machines), describe(module, interpreted));
    }
  }

  /** One cache entry: the main class's name, every class, the interpreted functions. */
  private static byte[] write(String main, Map<String, byte[]> classes, Set<Integer> interpreted)
      throws IOException {
    var bytes = new ByteArrayOutputStream();
    var out = new DataOutputStream(bytes);
    out.writeInt(MAGIC);
    out.writeUTF(main);
    out.writeInt(classes.size());
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      out.writeUTF(c.getKey());
      out.writeInt(c.getValue().length);
      out.write(c.getValue());
    }
    out.writeInt(interpreted.size());
    for (int index : interpreted) {
      out.writeInt(index);
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static List<String> describe(WasmModule module, Set<Integer> interpreted) {
    List<String> out = new ArrayList<>();
    interpreted.stream().sorted().forEach(index -> out.add(describe(module, index)));
    return List.copyOf(out);
  }

  private static String describe(WasmModule module, int index) {
    String name = module.nameSection() == null ? null : module.nameSection().nameOfFunction(index);
    return name == null ? "func " + index : "func " + index + " (" + name + ")";
  }
}
