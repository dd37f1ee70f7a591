package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.runtime.TagInstance;
import dev.wasihttp.component.internal.abi.CoreFunc;
import dev.wasihttp.component.internal.abi.GuestMemory;
import dev.wasihttp.component.internal.binary.CoreFuncType;

/**
 * A core definition that can be exported by one core instance and imported by another: a function,
 * table, memory, global or tag. Tables, memories, globals and tags are shared by reference, as core
 * wasm requires (one memory seen by the main module and the adapter).
 */
public sealed interface CoreExtern {
  /** The export kind name used in messages ("func", "table", ...). */
  String kindName();

  /** A core function: its type and how to call it. */
  record Func(CoreFuncType type, CoreFunc function) implements CoreExtern {
    @Override
    public String kindName() {
      return "func";
    }
  }

  /** A core table (engine object kept opaque). */
  final class Table implements CoreExtern {
    final TableInstance table;

    Table(TableInstance table) {
      this.table = table;
    }

    @Override
    public String kindName() {
      return "table";
    }
  }

  /** A core linear memory. */
  final class Mem implements CoreExtern {
    final Memory memory;
    private final GuestMemory view;

    Mem(Memory memory) {
      this.memory = memory;
      this.view = new ChicoryMemory(memory);
    }

    /** This memory as the canonical ABI reads and writes it. */
    public GuestMemory guestMemory() {
      return view;
    }

    @Override
    public String kindName() {
      return "memory";
    }
  }

  /** A core global. */
  final class Global implements CoreExtern {
    final GlobalInstance global;

    Global(GlobalInstance global) {
      this.global = global;
    }

    @Override
    public String kindName() {
      return "global";
    }
  }

  /** A core exception tag. */
  final class Tag implements CoreExtern {
    final TagInstance tag;

    Tag(TagInstance tag) {
      this.tag = tag;
    }

    @Override
    public String kindName() {
      return "tag";
    }
  }
}
