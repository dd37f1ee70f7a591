package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.Export;
import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.internal.binary.CoreModuleExport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A core instance: either an instantiated core module, or a bag of core definitions built with
 * {@code (core instance (export ...))}. Exports are looked up by name.
 */
public abstract sealed class CoreInstance
    permits CoreInstance.Module, CoreInstance.Bag, CoreInstance.Symbolic {

  /** The export named {@code name}, or null. */
  public abstract CoreExtern export(String name);

  /**
   * The state this core instance defines, captured now to restore later; null when it cannot be
   * restored. A bag of exports defines nothing.
   */
  public CoreImage capture() {
    return CoreImage.NOTHING;
  }

  /** A bag of exports (inline {@code core instance} form). */
  public static CoreInstance of(Map<String, CoreExtern> exports) {
    return new Bag(exports);
  }

  /**
   * A module instance that was linked but not run: its exports have their declared kinds and types,
   * and calling a function traps. Used to validate a component and compute its type without running
   * guest code.
   */
  static final class Symbolic extends CoreInstance {
    private final CoreModule module;

    Symbolic(CoreModule module) {
      this.module = module;
    }

    @Override
    public CoreExtern export(String name) {
      CoreModuleExport desc = module.export(name);
      if (desc == null) {
        return null;
      }
      return switch (desc.kind()) {
        case "func" ->
            new CoreExtern.Func(
                desc.funcType(),
                args -> {
                  throw new Trap("component is not instantiated");
                });
        case "table" -> new CoreExtern.Table(null);
        case "memory" -> new CoreExtern.Mem(null);
        case "global" -> new CoreExtern.Global(null);
        default -> new CoreExtern.Tag(null);
      };
    }
  }

  static final class Bag extends CoreInstance {
    private final Map<String, CoreExtern> exports;

    Bag(Map<String, CoreExtern> exports) {
      this.exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }

    @Override
    public CoreExtern export(String name) {
      return exports.get(name);
    }
  }

  /** An instantiated module; exports are wrapped once, on first use. */
  static final class Module extends CoreInstance {
    final Instance instance;
    final CoreModule module;

    /** The memory the instance defines, when it is resettable; null otherwise. */
    final LinearMemory memory;

    /** The image {@link #memory} was filled from, or null. */
    final byte[][] memoryBase;

    private final Map<String, CoreExtern> cache = new LinkedHashMap<>();

    Module(Instance instance, CoreModule module, LinearMemory memory, byte[][] memoryBase) {
      this.instance = instance;
      this.module = module;
      this.memory = memory;
      this.memoryBase = memoryBase;
    }

    /** Whether the module defines a memory of its own (or had it made by {@link MemoryImage}). */
    boolean definesMemory() {
      return module.module.memorySection().map(m -> m.memoryCount() > 0).orElse(false);
    }

    @Override
    public CoreImage capture() {
      return CoreImage.capture(this);
    }

    @Override
    public CoreExtern export(String name) {
      CoreExtern cached = cache.get(name);
      if (cached != null) {
        return cached;
      }
      CoreModuleExport desc = module.export(name);
      if (desc == null) {
        return null;
      }
      CoreExtern e =
          switch (desc.kind()) {
            case "func" -> {
              ExportFunction f = instance.export(name);
              yield new CoreExtern.Func(desc.funcType(), args -> Engine.callRaw(f, args));
            }
            case "table" -> new CoreExtern.Table(instance.exports().table(name));
            case "memory" -> new CoreExtern.Mem(instance.exports().memory(name));
            case "global" -> new CoreExtern.Global(instance.exports().global(name));
            default -> new CoreExtern.Tag(instance.tag(tagIndex(name)));
          };
      cache.put(name, e);
      return e;
    }

    private int tagIndex(String name) {
      var section = instance.module().exportSection();
      for (int i = 0; i < section.exportCount(); i++) {
        Export ex = section.getExport(i);
        if (ex.name().equals(name)) {
          return ex.index();
        }
      }
      throw new IllegalStateException("no tag export " + name);
    }
  }
}
