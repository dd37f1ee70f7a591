package dev.wasihttp.wasi.internal;

import dev.wasihttp.component.Linker;
import dev.wasihttp.component.host.HostFunction;
import dev.wasihttp.component.host.ResourceDestructor;
import dev.wasihttp.component.types.ResourceType;

/**
 * Where a host interface family registers its functions and resources: a {@link Linker} in
 * production ({@link #of}), a map in the host's own tests, which call host functions by name
 * without a guest. Shared by every host family of this module (the wasi:http host registers through
 * it too); not API for embedders, who call {@code WasiHost.addToLinker}.
 *
 * @param <T> the per-instance data the registered functions receive
 */
public interface Definer<T> {
  void func(String iface, String name, HostFunction<T> function);

  void resource(String iface, String name, ResourceType type, ResourceDestructor<T> destructor);

  /** Registers on {@code linker}. */
  static <T> Definer<T> of(Linker<T> linker) {
    return new Definer<>() {
      @Override
      public void func(String iface, String name, HostFunction<T> function) {
        linker.func(iface, name, function);
      }

      @Override
      public void resource(
          String iface, String name, ResourceType type, ResourceDestructor<T> destructor) {
        linker.resource(iface, name, type, destructor);
      }
    };
  }
}
