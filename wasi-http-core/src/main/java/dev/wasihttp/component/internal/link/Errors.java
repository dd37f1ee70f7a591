package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;

/** Builders for the loading errors of this package. */
final class Errors {
  private Errors() {}

  static ComponentException invalid(long offset, String message) {
    return new ComponentException(ComponentException.Kind.INVALID, offset, message);
  }

  static ComponentException unlinkable(long offset, String message) {
    return new ComponentException(ComponentException.Kind.UNLINKABLE, offset, message);
  }
}
