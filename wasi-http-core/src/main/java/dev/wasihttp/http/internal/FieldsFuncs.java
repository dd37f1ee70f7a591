package dev.wasihttp.http.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.internal.Host;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wasi:http/types.fields}: constructor, from-list and the methods, over {@link HostFields}.
 * A fields' bytes count as host memory while the guest holds it; a method that changes them has
 * them recounted.
 */
final class FieldsFuncs {
  private FieldsFuncs() {}

  static <T extends HttpState.View> void define(HttpResources r, Definer<T> linker) {
    r.resource(linker, r.fields, HostFields.class, null);
    linker.func(
        HttpResources.TYPES,
        "[constructor]fields",
        (c, args) -> {
          HttpState s = HttpResources.state(c);
          return s.table.push(r.fields, HostFields.empty(s.rules));
        });
    linker.func(
        HttpResources.TYPES,
        "[static]fields.from-list",
        (c, args) -> {
          HttpState s = HttpResources.state(c);
          Object f = HostFields.fromList(s.rules, Vals.entries(args.get(0)));
          return f instanceof HeaderError he
              ? Val.Result.err(he.toVal())
              : Val.Result.ok(s.table.push(r.fields, f));
        });
    r.method(
        linker,
        r.fields,
        "get",
        HostFields.class,
        (s, f, args) -> {
          List<Val> out = new ArrayList<>();
          for (byte[] v : f.get(Vals.str(args.get(1)))) {
            out.add(Host.list(v));
          }
          return new Val.ListValue(out);
        });
    r.method(
        linker,
        r.fields,
        "has",
        HostFields.class,
        (s, f, args) -> new Val.Bool(f.has(Vals.str(args.get(1)))));
    r.method(
        linker,
        r.fields,
        "set",
        HostFields.class,
        (s, f, args) -> {
          List<byte[]> values = new ArrayList<>();
          for (Val v : ((Val.ListValue) args.get(2)).elements()) {
            values.add(Host.bytes(v));
          }
          HeaderError e = f.set(Vals.str(args.get(1)), values);
          s.table.recount(args.get(0));
          return HeaderError.result(e);
        });
    r.method(
        linker,
        r.fields,
        "delete",
        HostFields.class,
        (s, f, args) -> {
          HeaderError e = f.delete(Vals.str(args.get(1)));
          s.table.recount(args.get(0));
          return HeaderError.result(e);
        });
    r.method(
        linker,
        r.fields,
        "append",
        HostFields.class,
        (s, f, args) -> {
          HeaderError e = f.append(Vals.str(args.get(1)), Host.bytes(args.get(2)));
          s.table.recount(args.get(0));
          return HeaderError.result(e);
        });
    r.method(
        linker,
        r.fields,
        "entries",
        HostFields.class,
        (s, f, args) -> {
          List<Val> out = new ArrayList<>();
          for (HostFields.Entry e : f.entries()) {
            out.add(new Val.Tuple(List.of(new Val.Str(e.name()), Host.list(e.value()))));
          }
          return new Val.ListValue(out);
        });
    r.method(
        linker,
        r.fields,
        "clone",
        HostFields.class,
        (s, f, args) -> s.table.push(r.fields, f.copy()));
  }
}
