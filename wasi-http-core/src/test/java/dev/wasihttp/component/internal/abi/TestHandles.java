package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.values.Val;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal handle table for tests: lowering appends the rep and returns its index (from 1);
 * lifting an own removes it, lifting a borrow reads it; an unknown index traps.
 */
final class TestHandles implements HandleContext {
  private final List<Integer> reps = new ArrayList<>(List.of(0));

  private int rep(int index, boolean remove) {
    if (index <= 0 || index >= reps.size() || reps.get(index) == null) {
      throw new Trap("unknown handle index " + index);
    }
    int rep = reps.get(index);
    if (remove) {
      reps.set(index, null);
    }
    return rep;
  }

  @Override
  public Val.Own liftOwn(OwnType type, int index) {
    return new Val.Own(type.resource(), rep(index, true));
  }

  @Override
  public Val.Borrow liftBorrow(BorrowType type, int index) {
    return new Val.Borrow(type.resource(), rep(index, false));
  }

  @Override
  public int lowerOwn(OwnType type, Val.Own value) {
    reps.add(value.rep());
    return reps.size() - 1;
  }

  @Override
  public int lowerBorrow(BorrowType type, Val.Borrow value) {
    reps.add(value.rep());
    return reps.size() - 1;
  }
}
