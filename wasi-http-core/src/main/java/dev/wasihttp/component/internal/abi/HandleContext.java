package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.values.Val;

/**
 * How the canonical ABI turns handles into resource values and back for the component instance
 * whose canonical function is running (CanonicalABI.md, "Handles": {@code lift_own}, {@code
 * lift_borrow}, {@code lower_own}, {@code lower_borrow}). The types are the ones written in that
 * instance's function type; the implementation resolves them to the runtime resource types the
 * instance was given, checks them against its handle table, and tracks the lends and borrows of the
 * current call. Misuse traps with the spec's reason.
 */
public interface HandleContext {
  /** {@code lift_own}: removes handle {@code index} from the table and returns its resource. */
  Val.Own liftOwn(OwnType type, int index);

  /** {@code lift_borrow}: lends handle {@code index} for the current call. */
  Val.Borrow liftBorrow(BorrowType type, int index);

  /** {@code lower_own}: adds an owning handle to the table and returns its index. */
  int lowerOwn(OwnType type, Val.Own value);

  /** {@code lower_borrow}: the rep itself for the resource's own instance, else a borrow handle. */
  int lowerBorrow(BorrowType type, Val.Borrow value);

  /** A context for calls that carry no handles: every handle operation traps. */
  HandleContext NONE =
      new HandleContext() {
        @Override
        public Val.Own liftOwn(OwnType type, int index) {
          throw new Trap("no handle table for own<" + type.wit() + ">");
        }

        @Override
        public Val.Borrow liftBorrow(BorrowType type, int index) {
          throw new Trap("no handle table for " + type.wit());
        }

        @Override
        public int lowerOwn(OwnType type, Val.Own value) {
          throw new Trap("no handle table for own<" + type.wit() + ">");
        }

        @Override
        public int lowerBorrow(BorrowType type, Val.Borrow value) {
          throw new Trap("no handle table for " + type.wit());
        }
      };
}
