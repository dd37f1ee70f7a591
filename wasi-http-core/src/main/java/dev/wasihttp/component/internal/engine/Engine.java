package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportTag;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TagInstance;
import com.dylibso.chicory.runtime.WasmException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UnlinkableException;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.errors.HostFault;
import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.internal.abi.CoreFunc;
import dev.wasihttp.component.internal.binary.CoreModuleImport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Instantiates core modules and calls core functions, turning engine failures into traps. */
public final class Engine {
  private Engine() {}

  /** Supplies the definition for each import of a module being instantiated. */
  @FunctionalInterface
  public interface ImportResolver {
    /** The definition for {@code imp}; throws UNLINKABLE when there is none of the right kind. */
    CoreExtern resolve(CoreModuleImport imp) throws ComponentException;
  }

  /**
   * Instantiates {@code module}: links its imports, initialises tables, memories and globals and
   * runs its {@code start} section (never a {@code _start} export: that is a command's entry).
   *
   * @throws ComponentException UNLINKABLE when an import does not fit, UNINSTANTIABLE when
   *     initialisation traps
   */
  public static CoreInstance instantiate(CoreModule module, ImportResolver resolver)
      throws ComponentException {
    return instantiate(module, resolver, false, MemoryLimiter.NONE);
  }

  /**
   * {@link #instantiate(CoreModule, ImportResolver)}, where {@code importsChecked} says a dry
   * {@link #link} of the same definitions has already checked each import's kind and function type,
   * so they are not compared again, and the memories the module defines are counted by {@code
   * limiter}.
   *
   * @throws ComponentException also UNINSTANTIABLE when {@code limiter} refuses a memory over a
   *     per-instance cap
   * @throws dev.wasihttp.component.errors.ResourceExhausted when {@code limiter}'s shared budget
   *     cannot hold a memory now
   */
  public static CoreInstance instantiate(
      CoreModule module, ImportResolver resolver, boolean importsChecked, MemoryLimiter limiter)
      throws ComponentException {
    Owned owned = new Owned(limiter);
    Instance instance = build(module, resolver, true, importsChecked, owned);
    return new CoreInstance.Module(instance, module, owned.memory(), owned.base);
  }

  /**
   * Links {@code module}'s imports like {@link #instantiate} but runs nothing: the result has the
   * module's exports with their declared types, and its functions trap when called. The memories
   * the module defines are reported to {@code limiter} as created, with their initial sizes, so a
   * dry run learns what an instance starts with.
   */
  public static CoreInstance link(CoreModule module, ImportResolver resolver, MemoryLimiter limiter)
      throws ComponentException {
    build(module, resolver, false, false, null);
    var memories = module.module.memorySection();
    for (int i = 0; memories.isPresent() && i < memories.get().memoryCount(); i++) {
      limiter.create(initialBytes(memories.get().getMemory(i).limits()));
    }
    return new CoreInstance.Symbolic(module);
  }

  /**
   * The memories an instance defines itself, as they were created: with the image they were filled
   * from ({@link MemoryImage}), or by Chicory through the memory factory.
   */
  private static final class Owned {
    final MemoryLimiter limiter;
    final List<Memory> memories = new ArrayList<>(1);
    byte[][] base;

    Owned(MemoryLimiter limiter) {
      this.limiter = limiter;
    }

    /** The instance's one resettable memory; null when it has none, or several, or another kind. */
    LinearMemory memory() {
      return memories.size() == 1 && memories.get(0) instanceof LinearMemory m ? m : null;
    }

    /**
     * Chicory's memory factory. Every memory is unshared: {@link CoreModule} refuses modules that
     * define a shared one. A refusal leaves Chicory unchecked and is unwrapped by build.
     */
    Memory create(MemoryLimits limits) {
      Memory m;
      try {
        m = new LinearMemory(limits, limiter);
      } catch (ComponentException e) {
        throw new Refused(e);
      }
      memories.add(m);
      return m;
    }
  }

  /** A memory refused inside Chicory's instance builder. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(ComponentException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /** The bytes a new memory of these limits starts with, at most what the runtime holds. */
  private static long initialBytes(MemoryLimits limits) {
    return (long) Math.min(limits.initialPages(), Memory.RUNTIME_MAX_PAGES) * Memory.PAGE_SIZE;
  }

  private static Instance build(
      CoreModule module, ImportResolver resolver, boolean run, boolean importsChecked, Owned owned)
      throws ComponentException {
    var builder = ImportValues.builder();
    List<TagInstance> tags = new ArrayList<>();
    var section = module.module.importSection();
    for (int i = 0; i < section.importCount(); i++) {
      Import imp = section.getImport(i);
      CoreModuleImport desc = module.imports().get(i);
      CoreExtern ext = resolver.resolve(desc);
      if (!importsChecked) {
        check(desc, ext);
      }
      if (ext instanceof CoreExtern.Func f) {
        CoreFunc fn = f.function();
        var type = module.module.typeSection().getType(((FunctionImport) imp).typeIndex());
        builder.addFunction(
            new ImportFunction(imp.module(), imp.name(), type, (inst, args) -> fn.call(args)));
      } else if (ext instanceof CoreExtern.Mem mem) {
        builder.addMemory(new ImportMemory(imp.module(), imp.name(), mem.memory));
      } else if (ext instanceof CoreExtern.Table table) {
        builder.addTable(new ImportTable(imp.module(), imp.name(), table.table));
      } else if (ext instanceof CoreExtern.Global global) {
        builder.addGlobal(new ImportGlobal(imp.module(), imp.name(), global.global));
      } else {
        TagInstance tag = ((CoreExtern.Tag) ext).tag;
        tags.add(tag);
        builder.addTag(new ImportTag(imp.module(), imp.name(), tag));
      }
    }
    if (!run) {
      return null;
    }
    PreparedModule prepared = module.prepared();
    LinearMemory memory = prepared.newMemory(owned.limiter);
    if (memory != null) {
      builder.addMemory(MemoryImage.asImport(memory));
      owned.memories.add(memory);
      owned.base = prepared.memoryBlocks();
    }
    try {
      Instance instance;
      Map<TagInstance, FunctionType> marked = TagIdentity.declared(tags);
      BoundsGuard guard = prepared.guard.any() ? new BoundsGuard() : null;
      try {
        var instanceBuilder =
            Instance.builder(prepared.module)
                .withImportValues(builder.build())
                .withStart(false)
                .withInitialize(false)
                .withMemoryFactory(owned::create)
                .withTableFactory(ResettableTable::new);
        if (prepared.compiled != null) {
          instanceBuilder.withMachineFactory(prepared.compiled.machines);
        }
        // Only the interpreter calls the listener; compiled code never does. An instance has one.
        instanceBuilder.withUnsafeExecutionListener(
            guard == null ? BranchInterrupts.INSTANCE : BranchInterrupts.INSTANCE.then(guard));
        instance = instanceBuilder.build();
      } finally {
        TagIdentity.restore(marked);
      }
      if (guard != null) {
        guard.bind(instance);
      }
      TagIdentity.mark(instance);
      prepared.initialize(instance);
      return instance.initialize(false);
    } catch (Refused e) {
      throw (ComponentException) e.getCause();
    } catch (UnlinkableException e) {
      throw new ComponentException(ComponentException.Kind.UNLINKABLE, e.getMessage(), e);
    } catch (Trap e) {
      throw new ComponentException(
          ComponentException.Kind.UNINSTANTIABLE, "start trapped: " + e.reason(), e);
    } catch (ChicoryException | WasmException | StackOverflowError e) {
      throw new ComponentException(
          ComponentException.Kind.UNINSTANTIABLE, String.valueOf(e.getMessage()), e);
    }
  }

  /** An import's definition must be of its kind and, for a function, of its type. */
  private static void check(CoreModuleImport desc, CoreExtern ext) throws ComponentException {
    if (ext == null || !ext.kindName().equals(desc.kind())) {
      throw new ComponentException(
          ComponentException.Kind.UNLINKABLE,
          "core import \""
              + desc.module()
              + "\" \""
              + desc.name()
              + "\": expected "
              + desc.kind()
              + (ext == null ? ", found nothing" : ", found " + ext.kindName()));
    }
    if (ext instanceof CoreExtern.Func f && f.type() != null && !f.type().equals(desc.funcType())) {
      throw new ComponentException(
          ComponentException.Kind.UNLINKABLE,
          "core import \""
              + desc.module()
              + "\" \""
              + desc.name()
              + "\": function type mismatch: expected "
              + desc.funcType()
              + ", found "
              + f.type());
    }
  }

  /**
   * Calls an engine function as core code does: a wasm exception passes through to the caller (it
   * may be caught by a {@code try_table} there), so core instances can be linked directly.
   */
  static long[] callRaw(ExportFunction f, long[] args) {
    long[] r = f.apply(args);
    return r == null ? new long[0] : r;
  }

  /**
   * {@code fn} as the component boundary calls it: every engine failure becomes a {@link Trap} (an
   * exception that escapes core code is a trap there).
   */
  public static CoreFunc trapping(CoreFunc fn) {
    return args -> call(fn, args);
  }

  private static long[] call(CoreFunc f, long[] args) {
    try {
      return f.call(args);
    } catch (Trap t) {
      throw t;
    } catch (ChicoryInterruptedException e) {
      throw new Trap("interrupted", e);
    } catch (WasmException e) {
      throw new Trap("uncaught wasm exception", e);
    } catch (ChicoryException e) {
      throw new Trap(String.valueOf(e.getMessage()), e);
    } catch (StackOverflowError e) {
      throw new Trap("call stack exhausted", e);
    } catch (RuntimeException e) {
      // Anything else a host function below this call (or the engine) throws fails this call
      // only, as a trap the embedder can tell from the guest's own.
      throw new HostFault(e);
    }
  }
}
