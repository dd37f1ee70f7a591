package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.types.ValType;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the canonical ABI needs of a record-like or variant-like type, worked out once per type
 * object instead of on every value: its parts (field or case payload types), its flat count, its
 * size and alignment. A call lifting an {@code error-code} (39 cases) would otherwise walk the
 * whole type for each of these, for each value.
 *
 * <p>Types are immutable, so the information never changes; it is kept per type object, weakly: a
 * component that is dropped takes its types' entries with it.
 */
final class TypeInfo {
  private static final ConcurrentHashMap<Object, TypeInfo> CACHE = new ConcurrentHashMap<>();
  private static final ReferenceQueue<ValType> DROPPED = new ReferenceQueue<>();

  /** {@link Shapes#fieldTypes} or {@link Shapes#caseTypes}, unmodifiable. */
  final List<ValType> parts;

  final int flatCount;

  /** {@code size << 8 | alignment}, as {@link Layout} packs it. */
  final long shape;

  private TypeInfo(List<ValType> parts, int flatCount, long shape) {
    this.parts = parts;
    this.flatCount = flatCount;
    this.shape = shape;
  }

  /** The information of {@code t}, a record, tuple, variant, enum, option or result. */
  static TypeInfo of(ValType t) {
    TypeInfo info = CACHE.get(new Probe(t));
    if (info == null) {
      expunge();
      info = computeAll(t);
    }
    return info;
  }

  /**
   * Works out {@code root} and each of its parts not known yet, parts first, with a stack of its
   * own rather than the thread's: a component's types may nest thousands deep.
   */
  private static TypeInfo computeAll(ValType root) {
    ArrayDeque<ValType> pending = new ArrayDeque<>();
    pending.push(root);
    TypeInfo info = null;
    while (!pending.isEmpty()) {
      ValType t = pending.peek();
      info = CACHE.get(new Probe(t));
      if (info != null) {
        pending.pop();
        continue;
      }
      List<ValType> parts = parts(t);
      boolean ready = true;
      for (ValType p : parts) {
        if (p != null && hasInfo(p) && !CACHE.containsKey(new Probe(p))) {
          pending.push(p);
          ready = false;
        }
      }
      if (ready) {
        pending.pop();
        info = compute(t, parts);
        CACHE.putIfAbsent(new Key(t), info);
      }
    }
    return info;
  }

  /** Whether {@code t} is of a kind this class describes. */
  private static boolean hasInfo(ValType t) {
    return switch (t.kind()) {
      case RECORD, TUPLE, VARIANT, ENUM, OPTION, RESULT -> true;
      default -> false;
    };
  }

  private static List<ValType> parts(ValType t) {
    return switch (t.kind()) {
      case RECORD, TUPLE -> List.copyOf(Shapes.rawFieldTypes(t));
      case VARIANT, ENUM, OPTION, RESULT -> Collections.unmodifiableList(Shapes.rawCaseTypes(t));
      default -> throw new IllegalArgumentException("not a record or variant: " + t.wit());
    };
  }

  /** {@code t}'s information, each of its parts' being known (so nothing here recurses). */
  private static TypeInfo compute(ValType t, List<ValType> parts) {
    if (t.kind() == ValType.Kind.RECORD || t.kind() == ValType.Kind.TUPLE) {
      return new TypeInfo(parts, Flattening.flatCount(parts), Layout.recordShape(parts));
    }
    int n = 0;
    for (ValType c : parts) {
      if (c != null) {
        n = Math.max(n, Flattening.flatCount(c));
      }
    }
    return new TypeInfo(parts, 1 + n, Layout.variantShape(parts));
  }

  private static void expunge() {
    for (Object k = DROPPED.poll(); k != null; k = DROPPED.poll()) {
      CACHE.remove(k);
    }
  }

  /** A cache key: the type, weakly, compared by identity. */
  private static final class Key extends WeakReference<ValType> {
    private final int hash;

    Key(ValType t) {
      super(t, DROPPED);
      this.hash = System.identityHashCode(t);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      ValType t = get();
      return t != null && o instanceof Key k && k.get() == t;
    }
  }

  /** A lookup of {@code t}: equal to the key holding the same type object. */
  private record Probe(ValType t) {
    @Override
    public int hashCode() {
      return System.identityHashCode(t);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.get() == t;
    }
  }
}
