package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.abi.CanonicalOptions;
import dev.wasihttp.component.internal.abi.CoreFunc;
import dev.wasihttp.component.internal.abi.FlatType;
import dev.wasihttp.component.internal.abi.Flattening;
import dev.wasihttp.component.internal.abi.StringEncoding;
import dev.wasihttp.component.internal.binary.Canon;
import dev.wasihttp.component.internal.binary.Canon.Lift;
import dev.wasihttp.component.internal.binary.Canon.Lower;
import dev.wasihttp.component.internal.binary.Canon.ResourceDrop;
import dev.wasihttp.component.internal.binary.Canon.ResourceNew;
import dev.wasihttp.component.internal.binary.Canon.ResourceRep;
import dev.wasihttp.component.internal.binary.CanonOpt;
import dev.wasihttp.component.internal.binary.CoreFuncType;
import dev.wasihttp.component.internal.binary.CoreValType;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.internal.engine.CoreExtern;
import dev.wasihttp.component.internal.engine.Engine;
import dev.wasihttp.component.internal.resources.Handle;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the canonical definitions (Binary.md, "Canonical Definitions") into the functions they
 * make: {@code canon lift} a component function, {@code canon lower} and {@code resource.new},
 * {@code resource.rep} and {@code resource.drop} core functions, each appended to its index space.
 */
final class CanonEvaluator {
  private static final CoreFuncType I32_TO_I32 =
      new CoreFuncType(List.of(CoreValType.I32), List.of(CoreValType.I32));
  private static final CoreFuncType I32_TO_NONE =
      new CoreFuncType(List.of(CoreValType.I32), List.of());
  private static final long[] NONE = new long[0];

  private CanonEvaluator() {}

  /**
   * The flattened core signature of a {@code canon lift} or {@code canon lower} (CanonicalABI.md,
   * {@code flatten_functype}); null for the {@code resource.*} definitions, whose signatures are
   * fixed.
   */
  static CoreFuncType flatType(Canon c, IndexSpaces f, long at) throws ComponentException {
    return switch (c.kind()) {
      case LIFT -> coreType(TypeEvaluator.funcType(((Lift) c).typeIndex(), f, at), true);
      case LOWER ->
          coreType(IndexSpaces.at(f.funcs, ((Lower) c).funcIndex(), "func", at).type(), false);
      case RESOURCE_NEW, RESOURCE_REP, RESOURCE_DROP -> null;
    };
  }

  /**
   * Appends the function {@code c} makes to its index space.
   *
   * @param flat {@link #flatType} of {@code c}
   * @param checked whether the core signatures involved were checked already (in a plan's dry run)
   */
  static Void define(Canon c, IndexSpaces f, long at, CoreFuncType flat, boolean checked)
      throws ComponentException {
    ComponentInstanceState s = f.state;
    return switch (c.kind()) {
      case LIFT -> IndexSpaces.append(f.funcs, lift((Lift) c, f, at, flat, checked));
      case LOWER -> IndexSpaces.append(f.coreFuncs, lower((Lower) c, f, at, flat, checked));
      case RESOURCE_NEW -> {
        ResourceType rt = localResource(((ResourceNew) c).typeIndex(), f, at);
        yield IndexSpaces.append(
            f.coreFuncs,
            new CoreExtern.Func(
                I32_TO_I32, args -> new long[] {s.table.addOwn(rt, (int) args[0])}));
      }
      case RESOURCE_REP -> {
        ResourceType rt = localResource(((ResourceRep) c).typeIndex(), f, at);
        yield IndexSpaces.append(
            f.coreFuncs,
            new CoreExtern.Func(
                I32_TO_I32, args -> new long[] {s.table.get((int) args[0], rt).rep()}));
      }
      case RESOURCE_DROP -> {
        ResourceType rt = TypeEvaluator.resource(((ResourceDrop) c).typeIndex(), f, at);
        yield IndexSpaces.append(
            f.coreFuncs, new CoreExtern.Func(I32_TO_NONE, args -> drop(s, rt, (int) args[0])));
      }
    };
  }

  /** {@code canon lift}: the core function, checked against the flattened function type. */
  private static LiftedFunc lift(
      Lift lift, IndexSpaces f, long at, CoreFuncType expected, boolean checked)
      throws ComponentException {
    CoreExtern.Func core = (CoreExtern.Func) f.coreExtern(Sort.CORE_FUNC, lift.coreFuncIndex(), at);
    FuncType type = TypeEvaluator.funcType(lift.typeIndex(), f, at);
    if (!checked && core.type() != null && !core.type().equals(expected)) {
      throw Errors.invalid(
          at, "canon lift: core function has type " + core.type() + ", expected " + expected);
    }
    CanonicalOptions opts = options(lift.options(), f, at);
    if (!checked) {
      CanonSignatures.checkCoreSignatures(lift.options(), f, expected.results(), at);
    }
    return new LiftedFunc(f.state, Engine.trapping(core.function()), opts, type);
  }

  /** {@code canon lower}: a core function of the flattened type calling the component function. */
  private static CoreExtern.Func lower(
      Lower lower, IndexSpaces f, long at, CoreFuncType flat, boolean checked)
      throws ComponentException {
    ComponentFunc callee = IndexSpaces.at(f.funcs, lower.funcIndex(), "func", at);
    CanonicalOptions opts = options(lower.options(), f, at);
    if (!checked) {
      CanonSignatures.checkCoreSignatures(lower.options(), f, null, at);
    }
    return new CoreExtern.Func(flat, new LoweredFunc(f.state, callee, opts));
  }

  /** {@code resource.drop} (CanonicalABI.md): removes the handle; an owner runs the destructor. */
  private static long[] drop(ComponentInstanceState s, ResourceType rt, int index) {
    Handle h = s.table.drop(index, rt);
    if (h.own()) {
      Store.ResourceImpl impl = s.store.resource(rt);
      if (impl != null) {
        if (impl.hostDtor() != null) {
          impl.hostDtor().accept(h.rep());
        } else if (impl.guestDtor() != null) {
          // The destructor is lifted into the defining instance and called from this one.
          List<ComponentInstanceState> entered = impl.impl().enterFrom(s);
          try {
            impl.guestDtor().call(h.rep());
          } finally {
            ComponentInstanceState.leave(entered);
          }
        }
      }
    }
    return NONE;
  }

  /** resource.new and resource.rep only apply to resources this component defines. */
  private static ResourceType localResource(int index, IndexSpaces f, long at)
      throws ComponentException {
    ResourceType rt = TypeEvaluator.resource(index, f, at);
    Store.ResourceImpl impl = f.state.store.resource(rt);
    if (impl == null || impl.impl() != f.state) {
      throw Errors.invalid(at, "resource type " + index + " is not defined by this component");
    }
    return rt;
  }

  /** The core function type of a canonical function (CanonicalABI.md, flatten_functype). */
  static CoreFuncType coreType(FuncType type, boolean lift) {
    Flattening.Signature sig = Flattening.flatSignature(type, lift);
    return new CoreFuncType(kinds(sig.params()), kinds(sig.results()));
  }

  private static List<CoreValType> kinds(List<FlatType> flat) {
    List<CoreValType> out = new ArrayList<>(flat.size());
    for (FlatType t : flat) {
      out.add(CoreValType.valueOf(t.name()));
    }
    return out;
  }

  private static CanonicalOptions options(List<CanonOpt> opts, IndexSpaces f, long at)
      throws ComponentException {
    CanonicalOptions options = new CanonicalOptions(null, null, null, StringEncoding.UTF8);
    for (CanonOpt o : opts) {
      options =
          switch (o.kind()) {
            case STRING_ENCODING ->
                options.withEncoding(((CanonOpt.StringEncodingOpt) o).encoding());
            case MEMORY -> {
              int i = ((CanonOpt.MemoryOpt) o).coreMemoryIndex();
              yield options.withMemory(
                  ((CoreExtern.Mem) f.coreExtern(Sort.CORE_MEMORY, i, at)).guestMemory());
            }
            case REALLOC -> {
              int i = ((CanonOpt.ReallocOpt) o).coreFuncIndex();
              CoreFunc fn = ((CoreExtern.Func) f.coreExtern(Sort.CORE_FUNC, i, at)).function();
              yield options.withRealloc(withoutLeaving(f.state, Engine.trapping(fn)));
            }
            case POST_RETURN -> {
              int i = ((CanonOpt.PostReturnOpt) o).coreFuncIndex();
              CoreFunc fn = ((CoreExtern.Func) f.coreExtern(Sort.CORE_FUNC, i, at)).function();
              yield options.withPostReturn(Engine.trapping(fn));
            }
          };
    }
    return options;
  }

  /** realloc runs with the instance barred from calling out (CanonicalABI.md, may_leave). */
  private static CoreFunc withoutLeaving(ComponentInstanceState s, CoreFunc fn) {
    return args -> {
      boolean before = s.mayLeave;
      s.mayLeave = false;
      try {
        return fn.call(args);
      } finally {
        s.mayLeave = before;
      }
    };
  }
}
