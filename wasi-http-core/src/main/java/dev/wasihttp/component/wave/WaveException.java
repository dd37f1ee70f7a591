package dev.wasihttp.component.wave;

/**
 * Text that is not valid WAVE, or not a value of the expected type. The message says what was
 * expected, where and what was found, e.g. {@code expected u8 at 5, found "300" (out of range)};
 * {@link #offset()} gives the position as a {@code char} index into the text that was parsed.
 */
public final class WaveException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;

  /**
   * An error at {@code offset}.
   *
   * @param message the whole message, already naming the offset
   * @param offset the 0-based {@code char} index in the parsed text where the problem starts
   */
  public WaveException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  /** The 0-based {@code char} index in the parsed text where the problem starts. */
  public int offset() {
    return offset;
  }
}
