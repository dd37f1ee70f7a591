package dev.wasihttp.component.internal.validate;

import dev.wasihttp.component.errors.ComponentException;

/** The one error of this package: the component breaks a validation rule. */
final class Invalid {
  private Invalid() {}

  /** An INVALID error at byte {@code offset} of the binary. */
  static ComponentException at(long offset, String message) {
    return new ComponentException(ComponentException.Kind.INVALID, offset, message);
  }
}
