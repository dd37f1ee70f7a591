package dev.wasihttp.component.internal.resources;

import dev.wasihttp.component.errors.Trap;
import java.util.ArrayList;
import java.util.List;

/**
 * The handle bookkeeping of one call across a component boundary (the sync part of the spec's
 * {@code Task}/{@code Subtask}). On the callee side it counts the borrow handles created for the
 * call, which must all be dropped before it returns; on the caller side it records the owning
 * handles lent out for the call, released when the call returns.
 */
public final class CallScope {
  private int borrows;
  private List<Handle> lenders;

  /** A borrow handle was created in the callee's table for this call. */
  void borrowed() {
    borrows++;
  }

  /** A borrow handle of this call was dropped. */
  void borrowDropped() {
    borrows--;
  }

  /** An owning handle of the caller is lent to the callee for this call. */
  void lend(Handle h) {
    if (lenders == null) {
      lenders = new ArrayList<>(2);
    }
    h.lends++;
    lenders.add(h);
  }

  /** Callee side, at return: every borrow handle must be gone (CanonicalABI.md, "Task.exit"). */
  public void checkBorrowsDropped() {
    if (borrows != 0) {
      throw new Trap("borrow handles still remain at the end of the call");
    }
  }

  /** Caller side, at return: the lent handles may be dropped again. */
  public void releaseLends() {
    if (lenders != null) {
      for (Handle h : lenders) {
        h.lends--;
      }
      lenders.clear();
    }
  }
}
