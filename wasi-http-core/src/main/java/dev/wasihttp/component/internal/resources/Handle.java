package dev.wasihttp.component.internal.resources;

import dev.wasihttp.component.types.ResourceType;

/**
 * One element of a handle table: a resource's runtime type and representation, and whether the
 * handle owns it. An owning handle counts the borrows lent out of it ({@code lends}); a borrow
 * handle belongs to the call ({@code scope}) it was created for.
 */
public final class Handle {
  final ResourceType type;
  final int rep;
  final boolean own;
  final CallScope scope;
  int lends;

  Handle(ResourceType type, int rep, boolean own, CallScope scope) {
    this.type = type;
    this.rep = rep;
    this.own = own;
    this.scope = scope;
  }

  ResourceType type() {
    return type;
  }

  public int rep() {
    return rep;
  }

  public boolean own() {
    return own;
  }

  /** The call a borrow handle was lent for; null for an owning handle. */
  CallScope scope() {
    return scope;
  }

  int lends() {
    return lends;
  }
}
