package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.Arrays;

/**
 * A core table (Core spec, "Table Instances") that can be put back to an earlier state, and whose
 * size is its own.
 *
 * <p>Chicory's {@code TableInstance.grow} also grows the limits of the module's table definition,
 * which every later instance of the module starts from: one instance's {@code table.grow} would
 * make the next instance's table larger. Here each table has its own limits. Every access goes
 * through the overridden methods; the superclass holds nothing.
 *
 * <p>An entry is a function index and the instance that defines the function (null: the caller's),
 * and its two halves must travel together: components share tables between core instances, so an
 * index paired with the wrong instance calls a function its instance never put in a table. Chicory
 * 1.7.5 reads an entry as {@link #ref} then {@link #instance}; {@code table.copy} passes the
 * destination index to the second (fixed after 1.7.5, in Endive), so {@link #instance} answers for
 * the entry {@link #ref} read last. Out-of-range indices trap here, never as a Java exception.
 */
final class ResettableTable extends TableInstance {
  private static final int REF_NULL = -1;

  private final ValType elementType;
  private final long max;
  private int[] refs;
  private Instance[] instances;
  private TableLimits limits;
  private boolean changed;

  /** The index {@link #ref} or {@link #requiredRef} read last, until {@link #instance} takes it. */
  private int lastRead = -1;

  /** The refs and their defining instances at one moment. */
  record Image(int[] refs, Instance[] instances) {}

  ResettableTable(Table table, int initialRef) {
    super(new Table(table.elementType(), new TableLimits(0, table.limits().max())), initialRef);
    this.elementType = table.elementType();
    this.max = table.limits().max();
    int size = (int) table.limits().min();
    this.refs = new int[size];
    Arrays.fill(refs, initialRef);
    this.instances = new Instance[size];
    this.limits = new TableLimits(size, max);
  }

  /** The table as it is now; later changes are tracked from here. */
  Image capture() {
    changed = false;
    return new Image(refs.clone(), instances.clone());
  }

  /** Puts the table back to {@code image}, size included, if it changed since. */
  void restore(Image image) {
    if (!changed) {
      return;
    }
    if (refs.length == image.refs.length) {
      System.arraycopy(image.refs, 0, refs, 0, refs.length);
      System.arraycopy(image.instances, 0, instances, 0, instances.length);
    } else {
      refs = image.refs.clone();
      instances = image.instances.clone();
      limits = new TableLimits(refs.length, max);
    }
    changed = false;
  }

  @Override
  public int size() {
    return refs.length;
  }

  @Override
  public ValType elementType() {
    return elementType;
  }

  @Override
  public TableLimits limits() {
    return limits;
  }

  @Override
  public int grow(int delta, int initialRef, Instance instance) {
    int old = refs.length;
    long grown = (long) old + delta;
    if (delta < 0 || grown > max || grown > Integer.MAX_VALUE - 8) {
      return -1;
    }
    refs = Arrays.copyOf(refs, (int) grown);
    Arrays.fill(refs, old, (int) grown, initialRef);
    instances = Arrays.copyOf(instances, (int) grown);
    Arrays.fill(instances, old, (int) grown, instance);
    limits = new TableLimits(grown, max);
    changed = true;
    return old;
  }

  /**
   * The entry's function index. Out of range it traps as {@code table.copy} must (the one caller
   * that does not check first: its own check overflows for indices near 2^31).
   */
  @Override
  public int ref(int index) {
    if (index < 0 || index >= refs.length) {
      throw new WasmRuntimeException("out of bounds table access");
    }
    lastRead = index;
    return refs[index];
  }

  /** The entry's function index for {@code call_indirect}, which traps on a missing one. */
  @Override
  public int requiredRef(int index) {
    if (index < 0 || index >= refs.length) {
      throw new ChicoryException("undefined element");
    }
    int ref = ref(index);
    if (ref == REF_NULL) {
      throw new ChicoryException("uninitialized element " + index);
    }
    return ref;
  }

  @Override
  public void setRef(int index, int value, Instance instance) {
    if (index < 0 || index >= refs.length) {
      throw new UninstantiableException("out of bounds table access");
    }
    refs[index] = value;
    instances[index] = instance;
    changed = true;
  }

  /**
   * The instance of the entry {@link #ref} read last, whatever {@code index} says: every caller in
   * Chicory 1.7.5 reads the ref first, with the same index but in {@code table.copy}, whose index
   * here is the destination's.
   */
  @Override
  public Instance instance(int index) {
    int read = lastRead;
    lastRead = -1;
    int entry = read >= 0 ? read : index;
    if (entry < 0 || entry >= instances.length) {
      throw new WasmRuntimeException("out of bounds table access");
    }
    return instances[entry];
  }

  @Override
  public void reset() {
    Arrays.fill(refs, REF_NULL);
    changed = true;
  }
}
