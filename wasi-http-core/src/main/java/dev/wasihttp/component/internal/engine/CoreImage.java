package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.MutabilityType;
import java.util.ArrayList;
import java.util.List;

/**
 * The state a core module instance defines itself, captured at one moment so that {@link #restore}
 * puts it back: mutable globals, tables, element segments (an {@code elem.drop} is undone) and its
 * memory (contents, size and data segments). What an instance imports is restored by the instance
 * that defines it.
 *
 * <p>Nothing else in a Chicory instance changes between calls: functions, types and tags are fixed,
 * and both machines keep their call stacks per call.
 */
public final class CoreImage {
  /** The image of an instance that defines no state. */
  static final CoreImage NOTHING = new CoreImage();

  private final GlobalInstance[] globals;
  private final long[] low;
  private final long[] high;
  private final ResettableTable[] tables;
  private final ResettableTable.Image[] tableImages;
  private final Instance instance;
  private final Element[] elements;
  private final LinearMemory memory;
  private final LinearMemory.Image memoryImage;

  private CoreImage() {
    this.globals = new GlobalInstance[0];
    this.low = new long[0];
    this.high = new long[0];
    this.tables = new ResettableTable[0];
    this.tableImages = new ResettableTable.Image[0];
    this.instance = null;
    this.elements = new Element[0];
    this.memory = null;
    this.memoryImage = null;
  }

  private CoreImage(Instance instance, WasmModule module, LinearMemory memory, byte[][] base) {
    this.instance = instance;
    List<GlobalInstance> mutable = new ArrayList<>();
    int imported = module.importSection().count(ExternalType.GLOBAL);
    for (int i = imported; i < instance.globalCount(); i++) {
      GlobalInstance g = instance.global(i);
      if (g.getMutabilityType() == MutabilityType.Var) {
        mutable.add(g);
      }
    }
    this.globals = mutable.toArray(new GlobalInstance[0]);
    this.low = new long[globals.length];
    this.high = new long[globals.length];
    for (int i = 0; i < globals.length; i++) {
      low[i] = globals[i].getValueLow();
      high[i] = globals[i].getValueHigh();
    }
    List<ResettableTable> own = new ArrayList<>();
    for (int i = module.importSection().count(ExternalType.TABLE); i < instance.tableCount(); i++) {
      TableInstance t = instance.table(i);
      own.add((ResettableTable) t);
    }
    this.tables = own.toArray(new ResettableTable[0]);
    this.tableImages = new ResettableTable.Image[tables.length];
    for (int i = 0; i < tables.length; i++) {
      tableImages[i] = tables[i].capture();
    }
    this.elements = new Element[instance.elementCount()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = instance.element(i);
    }
    this.memory = memory;
    this.memoryImage = memory == null ? null : memory.capture(base);
  }

  /**
   * The image of {@code instance} as it is now, or null when it holds state this class cannot put
   * back (a memory of another kind than {@link LinearMemory}).
   */
  static CoreImage capture(CoreInstance.Module instance) {
    if (instance.definesMemory() && instance.memory == null) {
      return null;
    }
    return new CoreImage(
        instance.instance, instance.instance.module(), instance.memory, instance.memoryBase);
  }

  /** Puts the instance back to the captured state. */
  public void restore() {
    for (int i = 0; i < globals.length; i++) {
      globals[i].setValueLow(low[i]);
      globals[i].setValueHigh(high[i]);
    }
    for (int i = 0; i < tables.length; i++) {
      tables[i].restore(tableImages[i]);
    }
    for (int i = 0; i < elements.length; i++) {
      if (instance.element(i) != elements[i]) {
        instance.setElement(i, elements[i]);
      }
    }
    if (memory != null) {
      memory.restore(memoryImage);
    }
  }
}
