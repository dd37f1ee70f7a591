package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.internal.abi.CanonicalAbi;
import dev.wasihttp.component.internal.abi.CanonicalOptions;
import dev.wasihttp.component.internal.abi.CoreFunc;
import dev.wasihttp.component.internal.abi.HandleContext;
import dev.wasihttp.component.internal.abi.LiftLowerContext;
import dev.wasihttp.component.internal.resources.CallScope;
import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import java.util.List;

/**
 * A function made by {@code canon lift}: a call lowers the arguments into the callee instance, runs
 * its core function, lifts the result out and runs {@code post-return} (CanonicalABI.md, "canon
 * lift", synchronous case).
 */
final class LiftedFunc implements ComponentFunc {
  private final ComponentInstanceState callee;
  private final CoreFunc core;
  private final CanonicalOptions options;
  private final FuncType type;

  LiftedFunc(
      ComponentInstanceState callee, CoreFunc core, CanonicalOptions options, FuncType type) {
    this.callee = callee;
    this.core = core;
    this.options = options;
    this.type = type;
  }

  @Override
  public FuncType type() {
    return type;
  }

  @Override
  public Val call(ComponentInstanceState caller, List<Val> args) {
    ComponentInstanceState s = callee;
    List<ComponentInstanceState> entered = s.enterFrom(caller);
    CallScope scope = new CallScope();
    CallScope outerScope = s.currentScope;
    s.currentScope = scope;
    try {
      LiftLowerContext cx = new LiftLowerContext(options, new CalleeHandles(s, scope));
      long[] coreArgs = CanonicalAbi.lowerParams(cx, type, args);
      long[] coreResults = core.call(coreArgs);
      Val result = CanonicalAbi.liftResult(cx, type, coreResults);
      if (options.postReturn() != null) {
        s.mayLeave = false;
        try {
          options.postReturn().call(coreResults);
        } finally {
          s.mayLeave = true;
        }
      }
      scope.checkBorrowsDropped();
      return result;
    } catch (Trap t) {
      s.poisoned = true;
      throw t;
    } finally {
      ComponentInstanceState.leave(entered);
      s.currentScope = outerScope;
    }
  }

  /** Handles as the callee of a lifted call sees them: arguments go into its table. */
  private static final class CalleeHandles implements HandleContext {
    private final ComponentInstanceState s;
    private final CallScope scope;

    CalleeHandles(ComponentInstanceState s, CallScope scope) {
      this.s = s;
      this.scope = scope;
    }

    @Override
    public Val.Own liftOwn(OwnType type, int index) {
      int rep = s.table.liftOwn(index, type.resource());
      return new Val.Own(type.resource(), rep);
    }

    @Override
    public Val.Borrow liftBorrow(BorrowType type, int index) {
      throw new Trap("a borrow handle cannot be returned");
    }

    @Override
    public int lowerOwn(OwnType type, Val.Own value) {
      checkType(type.resource(), value.type());
      return s.table.addOwn(value.type(), value.rep());
    }

    @Override
    public int lowerBorrow(BorrowType type, Val.Borrow value) {
      checkType(type.resource(), value.type());
      Store.ResourceImpl impl = s.store.resource(value.type());
      if (impl != null && impl.impl() == s) {
        return value.rep(); // CanonicalABI.md, lower_borrow: the owner gets the rep itself
      }
      return s.table.addBorrow(value.type(), value.rep(), scope);
    }
  }

  static void checkType(ResourceType expected, ResourceType actual) {
    if (expected != actual) {
      throw new Trap(
          "resource type mismatch: expected " + expected.name() + ", found " + actual.name());
    }
  }
}
