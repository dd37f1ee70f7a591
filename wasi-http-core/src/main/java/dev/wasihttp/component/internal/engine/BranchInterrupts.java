package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;

/**
 * Stops interpreted code at every branch when its thread is interrupted, as compiled code stops.
 *
 * <p>An interrupt is how a guest is stopped (a request's deadline, a shutdown): the engine checks
 * the thread's flag and throws {@link ChicoryInterruptedException}. Chicory 1.7.5's compiler checks
 * it at calls and at every backward {@code br}, {@code br_if} and {@code br_table}; its interpreter
 * only at calls and {@code br}. A loop whose back-edge is a {@code br_if} (what compilers emit for
 * {@code while} and {@code for}), a {@code br_table}, a {@code br_on_*}, a tail call or a {@code
 * throw} caught around it would run on in the interpreter after the interrupt, holding its thread
 * for ever. The interpreter calls this listener before each instruction; it checks the flag at
 * those instructions, forward branches too (a check costs one field read). Compiled code never
 * calls it.
 */
final class BranchInterrupts implements ExecutionListener {
  static final BranchInterrupts INSTANCE = new BranchInterrupts();

  /** Indexed by {@link OpCode#ordinal()}: the instructions checked here. */
  private static final boolean[] CHECKED = new boolean[OpCode.values().length];

  static {
    for (OpCode op :
        new OpCode[] {
          OpCode.BR_IF,
          OpCode.BR_TABLE,
          OpCode.BR_ON_NULL,
          OpCode.BR_ON_NON_NULL,
          OpCode.BR_ON_CAST,
          OpCode.BR_ON_CAST_FAIL,
          OpCode.RETURN_CALL,
          OpCode.RETURN_CALL_INDIRECT,
          OpCode.RETURN_CALL_REF,
          OpCode.THROW,
          OpCode.THROW_REF
        }) {
      CHECKED[op.ordinal()] = true;
    }
  }

  private BranchInterrupts() {}

  /** This check, then {@code next}'s: an instance has one listener. */
  ExecutionListener then(ExecutionListener next) {
    return (instruction, stack) -> {
      onExecution(instruction, stack);
      next.onExecution(instruction, stack);
    };
  }

  @Override
  public void onExecution(Instruction instruction, MStack stack) {
    if (CHECKED[instruction.opcode().ordinal()] && Thread.currentThread().isInterrupted()) {
      throw new ChicoryInterruptedException("Thread interrupted");
    }
  }
}
