package dev.wasihttp.http.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.internal.Host;
import java.util.ArrayList;
import java.util.List;

/** Conversions between {@link Val} and the Java values the wasi:http host works with. */
final class Vals {
  private Vals() {}

  /** A {@code string}. */
  public static String str(Val v) {
    return ((Val.Str) v).value();
  }

  /** A {@code u16}. */
  public static int u16(Val v) {
    return ((Val.U16) v).value();
  }

  /** A {@code u64} as a Java long (the 64 bits). */
  public static long u64(Val v) {
    return ((Val.U64) v).value();
  }

  /** {@code option<string>} from a nullable string. */
  public static Val.Option optionStr(String s) {
    return s == null ? Val.Option.none() : Val.Option.some(new Val.Str(s));
  }

  /** {@code list<tuple<string, list<u8>>>} to entries. */
  public static List<HostFields.Entry> entries(Val v) {
    List<Val> items = ((Val.ListValue) v).elements();
    List<HostFields.Entry> out = new ArrayList<>(items.size());
    for (Val item : items) {
      List<Val> pair = ((Val.Tuple) item).values();
      out.add(new HostFields.Entry(str(pair.get(0)), Host.bytes(pair.get(1))));
    }
    return out;
  }

  /** The rep of a borrowed or owned handle. */
  public static int rep(Val handle) {
    return handle instanceof Val.Borrow b ? b.rep() : ((Val.Own) handle).rep();
  }
}
