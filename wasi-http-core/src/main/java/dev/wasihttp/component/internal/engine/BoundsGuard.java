package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.PassiveElement;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bounds checks Chicory 1.7.5's interpreter gets wrong, made before it runs the instruction (as
 * the instance's execution listener), so that an out-of-bounds access traps with the spec's reason
 * before anything is touched:
 *
 * <ul>
 *   <li>{@code i32.store8}, {@code i64.store8} and {@code i64.store32} add the offset to the
 *       address in int arithmetic without the check every other access makes: an effective address
 *       of 2^32 or more wraps around and the store lands in bounds, at the wrong place (compiled
 *       code checks it);
 *   <li>{@code table.fill} and {@code table.init} check {@code index + count} in int arithmetic in
 *       both machines: past 2^31 - 1 the sum turns negative and passes, and the instruction does
 *       nothing, or {@code table.init} reads its segment out of range (a Java exception). A
 *       function that uses them is therefore never compiled ({@link #tableFunctions}).
 * </ul>
 *
 * <p>Memory and table accesses cannot see these: the address a store hands its memory is already
 * wrapped, and a fill that does nothing touches no table. One guard per instance.
 */
final class BoundsGuard implements ExecutionListener {
  /**
   * Larger effective addresses are out of bounds of any memory: Chicory holds at most {@code
   * Memory.RUNTIME_MAX_PAGES} (32767) pages, just under 2 GiB.
   */
  private static final long MAX_ADDRESS = Integer.MAX_VALUE;

  private Instance instance;

  /** What a module needs of a guard: whether any, and which functions stay interpreted. */
  record Needs(boolean any, Set<Integer> tableFunctions) {
    static final Needs NONE = new Needs(false, Set.of());
  }

  /** Sets the instance whose tables and segments this guard checks, once it is built. */
  void bind(Instance instance) {
    this.instance = instance;
  }

  /**
   * Which of {@code module}'s instructions a guard would check: the narrow stores with an offset
   * (without one the address is the base, which the memory checks) and the functions (by index,
   * imports counted) that use {@code table.fill} or {@code table.init}.
   */
  static Needs needs(WasmModule module) {
    boolean any = false;
    Set<Integer> tableFunctions = new TreeSet<>();
    int imported = module.importSection().count(ExternalType.FUNCTION);
    for (int f = 0; f < module.functionSection().functionCount(); f++) {
      for (Instruction ins : module.codeSection().getFunctionBody(f).instructions()) {
        switch (ins.opcode()) {
          case I32_STORE8, I64_STORE8, I64_STORE32 -> any |= ins.operand(1) != 0;
          case TABLE_FILL, TABLE_INIT -> {
            any = true;
            tableFunctions.add(imported + f);
          }
          default -> {}
        }
      }
    }
    return any ? new Needs(true, Set.copyOf(tableFunctions)) : Needs.NONE;
  }

  @Override
  public void onExecution(Instruction ins, MStack stack) {
    switch (ins.opcode()) {
      case I32_STORE8, I64_STORE8, I64_STORE32 -> checkStore(ins, stack);
      case TABLE_FILL -> checkFill(ins, stack);
      case TABLE_INIT -> checkInit(ins, stack);
      default -> {}
    }
  }

  /** Operand {@code depth} of the stack (0: the top) as an unsigned i32. */
  private static long u32(MStack stack, int depth) {
    return Integer.toUnsignedLong((int) stack.array()[stack.size() - 1 - depth]);
  }

  /** Stack: address, value. Operand 1 is the memarg's offset (Core spec, "Memory Instructions"). */
  private static void checkStore(Instruction ins, MStack stack) {
    long effective = u32(stack, 1) + ins.operand(1);
    if (effective > MAX_ADDRESS) {
      throw new WasmRuntimeException("out of bounds memory access: effective address " + effective);
    }
  }

  /** Stack: index, value, count; operand 0 is the table. */
  private void checkFill(Instruction ins, MStack stack) {
    TableInstance table = instance.table((int) ins.operand(0));
    if (u32(stack, 2) + u32(stack, 0) > table.size()) {
      throw outOfBoundsTable();
    }
  }

  /**
   * Stack: destination, source, count; operand 0 is the element segment, 1 the table. A dropped
   * segment (and an active or declarative one, after instantiation) has no elements.
   */
  private void checkInit(Instruction ins, MStack stack) {
    TableInstance table = instance.table((int) ins.operand(1));
    Element segment = instance.element((int) ins.operand(0));
    long length = segment instanceof PassiveElement ? segment.elementCount() : 0;
    long count = u32(stack, 0);
    if (u32(stack, 2) + count > table.size() || u32(stack, 1) + count > length) {
      throw outOfBoundsTable();
    }
  }

  private static WasmRuntimeException outOfBoundsTable() {
    return new WasmRuntimeException("out of bounds table access");
  }
}
