package dev.wasihttp.wasi.internal;

import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.host.HostFunction;
import dev.wasihttp.component.host.ResourceDestructor;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host functions and resource destructors a host family registers, by WIT name, for tests that
 * call them as a guest would, without a guest. Fill it once (e.g. {@code IoHost.define(functions)})
 * and call it from many threads; a name defined twice fails the registration.
 *
 * @param <T> the per-instance data the functions receive
 */
public final class HostFunctions<T> implements Definer<T> {
  private final Map<String, HostFunction<T>> functions = new HashMap<>();
  private final Map<String, ResourceDestructor<T>> destructors = new HashMap<>();

  @Override
  public void func(String iface, String name, HostFunction<T> function) {
    if (functions.put(key(iface, name), function) != null) {
      throw new IllegalStateException("defined twice: " + key(iface, name));
    }
  }

  @Override
  public void resource(
      String iface, String name, ResourceType type, ResourceDestructor<T> destructor) {
    if (destructor != null) {
      destructors.put(key(iface, name), destructor);
    }
  }

  /** Every registered function, as {@code IFACE#NAME}. */
  public List<String> names() {
    return new ArrayList<>(functions.keySet());
  }

  /** Calls function {@code name} of {@code iface} (its full name, with the version) for caller. */
  public Val call(Caller<T> caller, String iface, String name, Val... args) {
    HostFunction<T> f = functions.get(key(iface, name));
    if (f == null) {
      throw new IllegalArgumentException("no such function: " + key(iface, name));
    }
    return f.call(caller, List.of(args));
  }

  /** Calls {@code [method]RESOURCE.NAME} of {@code iface} on {@code self}, borrowed. */
  public Val method(
      Caller<T> caller, String iface, String resource, String name, Val self, Val... args) {
    List<Val> all = new ArrayList<>();
    all.add(borrow(self));
    all.addAll(List.of(args));
    return call(caller, iface, "[method]" + resource + "." + name, all.toArray(new Val[0]));
  }

  /** The guest drops {@code own}, its owning handle of {@code resource} of {@code iface}. */
  public void drop(Caller<T> caller, String iface, String resource, Val own) {
    ResourceDestructor<T> d = destructors.get(key(iface, resource));
    if (d == null) {
      throw new IllegalArgumentException("no destructor: " + key(iface, resource));
    }
    d.drop(caller, ((Val.Own) own).rep());
  }

  /** {@code own} as a borrowed handle; any other value as it is. */
  public static Val borrow(Val own) {
    return own instanceof Val.Own o ? new Val.Borrow(o.type(), o.rep()) : own;
  }

  private static String key(String iface, String name) {
    return iface + "#" + name;
  }
}
