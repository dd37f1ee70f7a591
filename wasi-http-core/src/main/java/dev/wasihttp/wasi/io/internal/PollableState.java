package dev.wasihttp.wasi.io.internal;

import dev.wasihttp.wasi.io.HostPollable;

/** The table entry behind a {@code pollable} handle. */
public record PollableState(HostPollable pollable) {
  public PollableState {
    java.util.Objects.requireNonNull(pollable, "pollable");
  }
}
