package dev.wasihttp.http.internal;

import dev.wasihttp.component.host.ResourceTable;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;

/**
 * The wasi:http view of an instance's {@link ResourceTable} (the one the WASI host keeps in the
 * {@code WasiContext}): one table for streams, pollables and wasi:http resources, so the
 * parent/child rule holds across them (an {@code input-stream} is a child of its {@code
 * incoming-body}; deleting an entry with live children traps).
 *
 * <p>Used by the request's thread only.
 */
final class HttpTable {
  private final ResourceTable table;

  HttpTable(ResourceTable table) {
    this.table = table;
  }

  /** Adds {@code state} and returns an owning handle of {@code type} to give the guest. */
  public Val.Own push(ResourceType type, Object state) {
    return new Val.Own(type, table.push(state));
  }

  /** Adds {@code state} as a child of the live entry {@code parentRep}. */
  public Val.Own pushChild(ResourceType type, Object state, int parentRep) {
    return new Val.Own(type, table.pushChild(state, parentRep));
  }

  /** The state of a borrowed or owned handle; traps on a wrong or dead handle. */
  public <T> T get(Val handle, Class<T> state) {
    return table.get(handle, state);
  }

  /** Removes {@code rep} and returns its state; traps when it still has children. */
  public <T> T delete(int rep, Class<T> state) {
    return table.delete(rep, state);
  }

  /** Counts again what the state behind a handle holds, after it changed. */
  public void recount(Val handle) {
    table.recount(ResourceTable.rep(handle));
  }

  /** {@link #delete(int, Class)} of a handle's rep. */
  public <T> T delete(Val handle, Class<T> state) {
    return table.delete(handle, state);
  }
}
