package dev.wasihttp.http.internal;

import dev.wasihttp.component.values.Val;

/** The WIT {@code header-error} variant: why a {@code fields} operation was refused. */
enum HeaderError {
  /** The name is not a token, or the value holds a byte a field value may not hold. */
  INVALID_SYNTAX("invalid-syntax"),
  /** The name is on the host's forbidden list. */
  FORBIDDEN("forbidden"),
  /** The fields object is read-only (received, or handed over to a request or response). */
  IMMUTABLE("immutable");

  private final String caseName;

  HeaderError(String caseName) {
    this.caseName = caseName;
  }

  /** The variant value. */
  public Val toVal() {
    return new Val.Variant(caseName, null);
  }

  /** {@code result<_, header-error>} for a nullable error: ok when {@code e} is null. */
  public static Val.Result result(HeaderError e) {
    return e == null ? Val.Result.ok(null) : Val.Result.err(e.toVal());
  }
}
