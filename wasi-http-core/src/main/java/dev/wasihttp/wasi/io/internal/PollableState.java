package dev.wasihttp.wasi.io.internal;

import dev.wasihttp.wasi.io.HostPollable;
import java.util.Objects;

/** The table entry behind a {@code pollable} handle. */
record PollableState(HostPollable pollable) {
  public PollableState {
    Objects.requireNonNull(pollable, "pollable");
  }
}
