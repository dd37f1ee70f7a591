package dev.wasihttp.wasi.io;

import dev.wasihttp.wasi.io.internal.IoResources;
import java.util.Objects;

/**
 * The host state of a {@code wasi:io/error.error}: what {@code to-debug-string} says and the
 * interface-specific {@code detail} (from {@link StreamError#failed}) that functions such as {@code
 * filesystem-error-code} or {@code http-error-code} look into. Find it behind a borrowed handle
 * with {@link IoResources#error}.
 */
public record IoError(String debug, Object detail) {
  public IoError {
    Objects.requireNonNull(debug, "debug");
  }
}
