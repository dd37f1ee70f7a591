package dev.wasihttp.component.errors;

import java.util.Locale;

/**
 * A component could not be loaded: its bytes are malformed, it is invalid, or it cannot be linked
 * or instantiated. The kinds carry the words of the spec's test assertions ({@code
 * assert_malformed}, {@code assert_invalid}, {@code assert_unlinkable}). Where the problem sits at
 * a place in the binary, {@link #offset()} names the byte and the message says so.
 */
public final class ComponentException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this is. */
  public enum Kind {
    /** The bytes do not follow the binary format. */
    MALFORMED,
    /** The bytes decode but break a validation rule (types, indices, names). */
    INVALID,
    /** An import cannot be satisfied by what the linker or the instantiation provides. */
    UNLINKABLE,
    /** Instantiation failed (a core start function trapped, a segment did not fit, ...). */
    UNINSTANTIABLE
  }

  private final Kind kind;
  private final long offset;
  private final String detail;

  /** A failure at byte {@code offset} of the binary ({@code -1} for none). */
  public ComponentException(Kind kind, long offset, String detail) {
    this(kind, offset, detail, null);
  }

  public ComponentException(Kind kind, long offset, String detail, Throwable cause) {
    super(format(kind, offset, detail), cause);
    this.kind = kind;
    this.offset = offset;
    this.detail = detail;
  }

  /** A failure that belongs to no single byte. */
  public ComponentException(Kind kind, String detail) {
    this(kind, -1, detail, null);
  }

  public ComponentException(Kind kind, String detail, Throwable cause) {
    this(kind, -1, detail, cause);
  }

  private static String format(Kind kind, long offset, String detail) {
    String k = kind.name().toLowerCase(Locale.ROOT);
    return offset >= 0
        ? k + " component at byte " + offset + " (0x" + Long.toHexString(offset) + "): " + detail
        : k + " component: " + detail;
  }

  public Kind kind() {
    return kind;
  }

  /** The byte offset in the component binary, or -1 when the failure has no position. */
  public long offset() {
    return offset;
  }

  /** The message without kind and offset. */
  public String detail() {
    return detail;
  }
}
