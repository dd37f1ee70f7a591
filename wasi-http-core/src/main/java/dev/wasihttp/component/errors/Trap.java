package dev.wasihttp.component.errors;

/**
 * A trap: a guest executed {@code unreachable}, broke a canonical-ABI rule, or misused a handle.
 * The reason is the guest's or the spec's words (e.g. {@code "unreachable"}, {@code "invalid
 * utf-8"}). A trap poisons the component instance it happened in: later calls into it trap too.
 */
public class Trap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Trap(String reason) {
    super(reason);
  }

  public Trap(String reason, Throwable cause) {
    super(reason, cause);
  }

  /** The reason, without any prefix. */
  public String reason() {
    return getMessage();
  }
}
