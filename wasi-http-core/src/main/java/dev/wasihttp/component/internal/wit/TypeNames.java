package dev.wasihttp.component.internal.wit;

import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.ListType;
import dev.wasihttp.component.types.OptionType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.PrimitiveType;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.types.ResultType;
import dev.wasihttp.component.types.TupleType;
import dev.wasihttp.component.types.ValType;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which interface defines each named type. Types are matched by identity: evaluating a type
 * definition makes one object, and every export and alias of it shares that object, so a name
 * follows the type wherever it is used.
 */
final class TypeNames {
  record Owner(InterfaceName iface, String name) {}

  private final Map<Object, Owner> owners = new IdentityHashMap<>();

  /** The {@code use}s the interface being written needs: referenced interface to names. */
  private Map<String, Set<String>> uses = new LinkedHashMap<>();

  void define(Object type, InterfaceName iface, String name) {
    if (!(type instanceof PrimitiveType)) {
      owners.putIfAbsent(type, new Owner(iface, name));
    }
  }

  Owner owner(Object type) {
    return owners.get(type);
  }

  /** Starts collecting the uses of a new interface body. */
  Map<String, Set<String>> resetUses() {
    Map<String, Set<String>> old = uses;
    uses = new LinkedHashMap<>();
    return old;
  }

  Map<String, Set<String>> uses() {
    return uses;
  }

  /** A reference to {@code t} from inside interface {@code ctx}. */
  String ref(Object t, InterfaceName ctx) {
    Owner o = owners.get(t);
    if (o != null) {
      if (ctx != null && !o.iface().full().equals(ctx.full())) {
        uses.computeIfAbsent(o.iface().referenceFrom(ctx), k -> new LinkedHashSet<>())
            .add(o.name());
      }
      return Ident.of(o.name());
    }
    return structure(t, ctx);
  }

  /** {@code t} spelled out at the top level, even if it has a name; names are used inside. */
  String structure(Object t, InterfaceName ctx) {
    if (t instanceof ResourceType resource) {
      return Ident.of(resource.name());
    }
    if (!(t instanceof ValType v)) {
      return String.valueOf(t);
    }
    return switch (v.kind()) {
      case BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, STRING -> v.wit();
      case LIST -> "list<" + ref(((ListType) v).element(), ctx) + ">";
      case OPTION -> "option<" + ref(((OptionType) v).type(), ctx) + ">";
      case TUPLE ->
          ((TupleType) v)
              .types().stream()
                  .map(x -> ref(x, ctx))
                  .collect(Collectors.joining(", ", "tuple<", ">"));
      case RESULT -> result((ResultType) v, ctx);
      case OWN -> ref(((OwnType) v).resource(), ctx);
      case BORROW -> "borrow<" + ref(((BorrowType) v).resource(), ctx) + ">";
      // An anonymous record, variant, enum or flags: no WIT name exists.
      case RECORD, VARIANT, ENUM, FLAGS -> v.wit();
    };
  }

  private String result(ResultType r, InterfaceName ctx) {
    if (r.ok() == null && r.err() == null) {
      return "result";
    } else if (r.err() == null) {
      return "result<" + ref(r.ok(), ctx) + ">";
    }
    return "result<" + (r.ok() == null ? "_" : ref(r.ok(), ctx)) + ", " + ref(r.err(), ctx) + ">";
  }

  /** {@code func(a: T, ...) -> R}. */
  String func(FuncType f, InterfaceName ctx) {
    return params(f, ctx, 0, "func");
  }

  /** The function with its first {@code skip} parameters left out (a method's {@code self}). */
  String params(FuncType f, InterfaceName ctx, int skip, String keyword) {
    String ps =
        f.params().stream()
            .skip(skip)
            .map(p -> Ident.of(p.name()) + ": " + ref(p.type(), ctx))
            .collect(Collectors.joining(", ", keyword + "(", ")"));
    return f.result() == null ? ps : ps + " -> " + ref(f.result(), ctx);
  }
}
