package dev.wasihttp.wasi;

import dev.wasihttp.component.errors.Trap;

/**
 * Thrown when the guest calls {@code wasi:cli/exit.exit} or {@code exit-with-code}: the call never
 * returns, the guest's stack unwinds to the embedder and the instance is finished (like any {@link
 * Trap}, it poisons the instance). For a request handler this ends the request; the embedder reads
 * {@link #status()} to decide how (a response already set stands; a status other than 0 before one
 * is set is a failure).
 *
 * <p>It is a {@link Trap} so that it unwinds through every layer of the runtime unchanged; catch it
 * before {@code Trap} to tell an exit from a fault.
 */
public final class WasiExit extends Trap {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** An exit with {@code status}: 0 for {@code exit(ok)}, 1 for {@code exit(err)}. */
  public WasiExit(int status) {
    super("exit with status " + status);
    this.status = status;
  }

  /** The exit status, 0 to 255; 0 means success. */
  public int status() {
    return status;
  }
}
