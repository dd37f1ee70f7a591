package dev.wasihttp.component.internal.resources;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.ResourceType;
import java.util.Arrays;

/**
 * The handle table of one component instance (CanonicalABI.md, "Table State"): index 0 is never
 * used, new handles take the most recently freed slot first, and the table holds at most {@link
 * #MAX_LENGTH} handles. Not thread-safe: a component instance runs on one thread at a time.
 */
public final class HandleTable {
  /** The spec's {@code MAX_LENGTH = 2**28 - 1}. */
  static final int MAX_LENGTH = (1 << 28) - 1;

  private Handle[] handles = new Handle[8];
  private int size = 1; // slot 0 reserved
  private int[] free = new int[4];
  private int freeCount;
  private final int maxLength;

  public HandleTable() {
    this(MAX_LENGTH);
  }

  /** A table capped below the spec's maximum (a host limit on guest-created handles). */
  public HandleTable(int maxLength) {
    this.maxLength = Math.min(maxLength, MAX_LENGTH);
  }

  /**
   * The table's handles at one moment, for {@link #restore}. A component instance's tables are
   * empty right after instantiation in 0.2 unless a core start function made handles.
   */
  public static final class Image {
    private final Handle[] handles;
    private final int size;
    private final int[] free;

    private Image(Handle[] handles, int size, int[] free) {
      this.handles = handles;
      this.size = size;
      this.free = free;
    }
  }

  /** The handles as they are now. */
  public Image capture() {
    return new Image(Arrays.copyOf(handles, size), size, Arrays.copyOf(free, freeCount));
  }

  /**
   * Puts the table back to {@code image}: handles made since are forgotten without their
   * destructors (the whole instance is being reset, so nothing they stand for lives on), and a
   * table grown past its initial length gives the memory back.
   */
  public void restore(Image image) {
    int length = Math.max(8, image.handles.length);
    if (handles.length > length) {
      handles = new Handle[length];
    } else {
      Arrays.fill(handles, image.size, Math.max(size, image.size), null);
    }
    System.arraycopy(image.handles, 0, handles, 0, image.size);
    size = image.size;
    if (free.length < image.free.length) {
      free = new int[image.free.length];
    }
    System.arraycopy(image.free, 0, free, 0, image.free.length);
    freeCount = image.free.length;
  }

  /** Adds an owning handle for {@code rep} and returns its index. */
  public int addOwn(ResourceType type, int rep) {
    return add(new Handle(type, rep, true, null));
  }

  /** Adds a borrow handle lent for {@code scope} and returns its index. */
  public int addBorrow(ResourceType type, int rep, CallScope scope) {
    scope.borrowed();
    return add(new Handle(type, rep, false, scope));
  }

  private int add(Handle h) {
    int i;
    if (freeCount > 0) {
      i = free[--freeCount];
    } else {
      if (size > maxLength) {
        // Undo the borrow count taken by addBorrow: the handle never existed.
        if (!h.own) {
          h.scope.borrowDropped();
        }
        throw new Trap("resource table full (" + maxLength + " handles)");
      }
      i = size++;
      if (i >= handles.length) {
        handles = Arrays.copyOf(handles, Math.min(handles.length * 2, maxLength + 1));
      }
    }
    handles[i] = h;
    return i;
  }

  /** The handle at {@code index} (an unsigned i32 from the guest); traps if there is none. */
  Handle get(int index) {
    if (index <= 0 || index >= size || handles[index] == null) {
      throw new Trap("unknown handle index " + Integer.toUnsignedString(index));
    }
    return handles[index];
  }

  /** The handle at {@code index}, checked to be of {@code type}. */
  public Handle get(int index, ResourceType type) {
    Handle h = get(index);
    if (h.type != type) {
      throw wrongType(index, type, h.type);
    }
    return h;
  }

  /** Removes and returns the handle at {@code index}. */
  Handle remove(int index) {
    Handle h = get(index);
    handles[index] = null;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = index;
    return h;
  }

  /**
   * {@code lift_own}: removes an owning handle of {@code type} that is not lent out, returning its
   * rep.
   */
  public int liftOwn(int index, ResourceType type) {
    Handle h = get(index, type);
    if (!h.own) {
      throw new Trap("handle index " + Integer.toUnsignedString(index) + " is a borrow, not own");
    }
    if (h.lends != 0) {
      throw new Trap("cannot remove owned resource while borrowed");
    }
    remove(index);
    return h.rep;
  }

  /**
   * {@code lift_borrow}: an owning handle is lent to {@code caller} for the call; a borrow handle
   * may be passed on only within the call it was lent for.
   */
  public int liftBorrow(int index, ResourceType type, CallScope caller, CallScope current) {
    Handle h = get(index, type);
    if (h.own) {
      caller.lend(h);
    } else if (h.scope != current) {
      throw new Trap("borrow handle index " + index + " used outside the call it was lent for");
    }
    return h.rep;
  }

  /**
   * {@code resource.drop}: removes the handle; returns it so the caller can run the destructor of
   * an owning handle. Dropping a borrow handle ends that borrow.
   */
  public Handle drop(int index, ResourceType type) {
    Handle h = get(index, type);
    if (h.own && h.lends != 0) {
      throw new Trap("cannot remove owned resource while borrowed");
    }
    remove(index);
    if (!h.own) {
      h.scope.borrowDropped();
    }
    return h;
  }

  private static Trap wrongType(int index, ResourceType expected, ResourceType found) {
    return new Trap(
        "handle index "
            + Integer.toUnsignedString(index)
            + " used with the wrong type, expected "
            + describe(expected)
            + " but found "
            + (expected.isHost() == found.isHost() ? "a different " : "")
            + describe(found));
  }

  private static String describe(ResourceType t) {
    return t.isHost() ? "host-defined resource" : "guest-defined resource";
  }
}
