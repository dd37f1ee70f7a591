package dev.wasihttp.wasi.filesystem.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A {@code wasi:filesystem/types.error-code}, as a checked exception inside the host and as the
 * detail of a stream's {@code error} (which {@code filesystem-error-code} reads).
 */
final class FsError extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;

  public FsError(String code) {
    super(code, null, false, false);
    this.code = code;
  }

  /** The WIT enum case, e.g. {@code no-entry}. */
  public String code() {
    return code;
  }

  /** The error code for an I/O failure of the host's filesystem. */
  public static FsError of(IOException e) {
    if (e instanceof NoSuchFileException) {
      return new FsError("no-entry");
    }
    if (e instanceof NotDirectoryException) {
      return new FsError("not-directory");
    }
    if (e instanceof AccessDeniedException) {
      return new FsError("access");
    }
    if (e instanceof FileSystemLoopException) {
      return new FsError("loop");
    }
    if (e instanceof FileAlreadyExistsException) {
      return new FsError("exist");
    }
    if (e instanceof DirectoryNotEmptyException) {
      return new FsError("not-empty");
    }
    return new FsError("io");
  }
}
