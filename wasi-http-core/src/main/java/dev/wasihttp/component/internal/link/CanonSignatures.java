package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.CanonOpt;
import dev.wasihttp.component.internal.binary.CoreFuncType;
import dev.wasihttp.component.internal.binary.CoreValType;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.internal.engine.CoreExtern;
import java.util.List;

/**
 * The core signatures canonical definitions require, checked once the core functions are known (in
 * the load-time dry-run link): {@code realloc}, {@code post-return} and resource destructors
 * (CanonicalABI.md, "Canonical ABI Options" and "canon resource.drop").
 */
final class CanonSignatures {
  private CanonSignatures() {}

  private static final CoreFuncType REALLOC =
      new CoreFuncType(
          List.of(CoreValType.I32, CoreValType.I32, CoreValType.I32, CoreValType.I32),
          List.of(CoreValType.I32));
  static final CoreFuncType DESTRUCTOR = new CoreFuncType(List.of(CoreValType.I32), List.of());

  /**
   * The core signatures of {@code realloc} ({@code (i32 i32 i32 i32) -> i32}) and of a lift's
   * {@code post-return} (the lifted function's flat results, no results), once the core functions
   * are known.
   *
   * @param liftResults the flat results of the lifted function, null for a lowering
   */
  static void checkCoreSignatures(
      List<CanonOpt> opts, IndexSpaces f, List<CoreValType> liftResults, long at)
      throws ComponentException {
    for (CanonOpt o : opts) {
      Expected e =
          switch (o.kind()) {
            case REALLOC ->
                new Expected("realloc", ((CanonOpt.ReallocOpt) o).coreFuncIndex(), REALLOC);
            case POST_RETURN ->
                liftResults == null
                    ? null
                    : new Expected(
                        "post-return",
                        ((CanonOpt.PostReturnOpt) o).coreFuncIndex(),
                        new CoreFuncType(liftResults, List.of()));
            case STRING_ENCODING, MEMORY -> null;
          };
      CoreFuncType t = e == null ? null : coreFuncType(f, e.coreFuncIndex(), at);
      if (t != null && !t.equals(e.type())) {
        throw Errors.invalid(
            at,
            "canonical option `"
                + e.option()
                + "` uses a core function with an incorrect signature: "
                + t
                + ", expected "
                + e.type());
      }
    }
  }

  /** The signature an option's core function must have. */
  private record Expected(String option, int coreFuncIndex, CoreFuncType type) {}

  static CoreFuncType coreFuncType(IndexSpaces f, int index, long at) throws ComponentException {
    CoreExtern e = f.coreExtern(Sort.CORE_FUNC, index, at);
    return e instanceof CoreExtern.Func f1 ? f1.type() : null;
  }
}
