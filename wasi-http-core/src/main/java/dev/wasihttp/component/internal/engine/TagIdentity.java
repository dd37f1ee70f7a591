package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TagInstance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes a {@code catch} match an exception's tag by identity, as core wasm requires: two instances
 * of one module define two tags, and catching one must not catch the other.
 *
 * <p>Chicory 1.7.5 ({@code InterpreterMachine.THROW_REF}) lets a catch of an imported tag match any
 * exception whose tag has equal parameter and result types ({@code compatibleImport}); only a catch
 * of a tag the module defines compares tag objects. A tag's results are always empty in a valid
 * module, and {@code throw} takes its parameters from the module's type section, not from the tag.
 * So each tag an instance defines gets a result list of its own, which no module declares, as soon
 * as the instance exists: equal types then mean the same tag. Chicory also compares an imported
 * tag's type with the importing module's declaration while it builds an instance; for that moment
 * the imported tags show their declared type ({@link #declared}).
 *
 * <p>A tag belongs to the core instances of one component instance, which one thread builds, so
 * these changes are never seen half-way.
 */
final class TagIdentity {
  private static final AtomicLong NEXT = new AtomicLong();
  private static final ValType[] DIGITS = {ValType.I32, ValType.I64, ValType.F32, ValType.F64};

  private TagIdentity() {}

  /** Gives each tag {@code instance} defines a result list no other tag has. */
  static void mark(Instance instance) {
    int imported = instance.imports().tagCount();
    for (int i = 0; i < instance.tagCount(); i++) {
      TagInstance tag = instance.tag(imported + i);
      tag.setType(FunctionType.of(tag.type().params(), unique(NEXT.incrementAndGet())));
    }
  }

  /**
   * Sets {@code tags} back to their declared type (no results); returns what to {@link #restore}
   * afterwards. A tag listed twice is saved once.
   */
  static Map<TagInstance, FunctionType> declared(List<TagInstance> tags) {
    Map<TagInstance, FunctionType> saved = new IdentityHashMap<>();
    for (TagInstance tag : tags) {
      if (tag != null && !saved.containsKey(tag)) {
        saved.put(tag, tag.type());
        tag.setType(FunctionType.of(tag.type().params(), List.of()));
      }
    }
    return saved;
  }

  static void restore(Map<TagInstance, FunctionType> saved) {
    saved.forEach(TagInstance::setType);
  }

  /** {@code n} (at least 1) in base 4, least significant digit first: one list per n. */
  private static List<ValType> unique(long n) {
    List<ValType> digits = new ArrayList<>();
    for (long v = n; v != 0; v >>>= 2) {
      digits.add(DIGITS[(int) (v & 3)]);
    }
    return List.copyOf(digits);
  }
}
