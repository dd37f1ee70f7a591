package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.internal.abi.CanonicalAbi;
import dev.wasihttp.component.internal.abi.CanonicalOptions;
import dev.wasihttp.component.internal.abi.CoreFunc;
import dev.wasihttp.component.internal.abi.HandleContext;
import dev.wasihttp.component.internal.abi.LiftLowerContext;
import dev.wasihttp.component.internal.resources.CallScope;
import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.values.Val;
import java.util.List;

/**
 * The core function made by {@code canon lower}: a core call from the caller instance lifts the
 * arguments out of its memory, calls the component function and lowers the result back
 * (CanonicalABI.md, "canon lower", synchronous case).
 */
final class LoweredFunc implements CoreFunc {
  private final ComponentInstanceState caller;
  private final ComponentFunc callee;
  private final CanonicalOptions options;

  LoweredFunc(ComponentInstanceState caller, ComponentFunc callee, CanonicalOptions options) {
    this.caller = caller;
    this.callee = callee;
    this.options = options;
  }

  @Override
  public long[] call(long... coreArgs) {
    ComponentInstanceState s = caller;
    s.checkMayLeave();
    CallScope scope = new CallScope();
    try {
      LiftLowerContext cx = new LiftLowerContext(options, new CallerHandles(s, scope));
      List<Val> args = CanonicalAbi.liftParams(cx, callee.type(), coreArgs);
      Val result = callee.call(s, args);
      return CanonicalAbi.lowerResult(cx, callee.type(), result, coreArgs);
    } finally {
      scope.releaseLends();
    }
  }

  /** Handles as the caller of a lowered call sees them: arguments leave its table. */
  private static final class CallerHandles implements HandleContext {
    private final ComponentInstanceState s;
    private final CallScope scope;

    CallerHandles(ComponentInstanceState s, CallScope scope) {
      this.s = s;
      this.scope = scope;
    }

    @Override
    public Val.Own liftOwn(OwnType type, int index) {
      return new Val.Own(type.resource(), s.table.liftOwn(index, type.resource()));
    }

    @Override
    public Val.Borrow liftBorrow(BorrowType type, int index) {
      int rep = s.table.liftBorrow(index, type.resource(), scope, s.currentScope);
      return new Val.Borrow(type.resource(), rep);
    }

    @Override
    public int lowerOwn(OwnType type, Val.Own value) {
      LiftedFunc.checkType(type.resource(), value.type());
      return s.table.addOwn(value.type(), value.rep());
    }

    @Override
    public int lowerBorrow(BorrowType type, Val.Borrow value) {
      throw new Trap("a borrow handle cannot be returned");
    }
  }
}
