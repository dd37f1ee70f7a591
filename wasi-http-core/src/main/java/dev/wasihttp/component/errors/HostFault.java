package dev.wasihttp.component.errors;

/**
 * A trap that is not the guest's doing: a host function, or the engine itself, threw under a guest
 * call. It ends the call and poisons the instance like any {@link Trap}; its cause is the host's
 * exception, which an embedder should log as a bug of its own.
 */
public final class HostFault extends Trap {
  private static final long serialVersionUID = 1L;

  public HostFault(Throwable cause) {
    super("host failure: " + cause, cause);
  }
}
