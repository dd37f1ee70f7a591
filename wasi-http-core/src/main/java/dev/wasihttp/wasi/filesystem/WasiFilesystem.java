package dev.wasihttp.wasi.filesystem;

import dev.wasihttp.component.Linker;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.wasi.filesystem.internal.FsHost;
import dev.wasihttp.wasi.internal.Definer;

/**
 * {@code wasi:filesystem/types} and {@code preopens}: no preopens by default; with {@link
 * dev.wasihttp.wasi.WasiConfig.Builder#directory} one host directory mounted <em>read-only</em> at
 * a guest path.
 *
 * <ul>
 *   <li>Reading works: {@code open-at} (paths resolve below the mount only: an absolute path, a
 *       {@code ..} above the mount or a symbolic link leading out is {@code not-permitted}), {@code
 *       read-via-stream}, {@code read}, {@code stat}, {@code stat-at}, {@code read-directory},
 *       {@code metadata-hash(-at)}, {@code get-type}, {@code get-flags} (always {@code read}),
 *       {@code is-same-object}, {@code readlink-at} (relative targets only).
 *   <li>{@code advise}, {@code sync} and {@code sync-data} succeed and do nothing.
 *   <li>Changing the tree ({@code create-directory-at}, {@code unlink-file-at}, {@code rename-at},
 *       {@code set-times}, ..., and {@code open-at} with {@code create}, {@code truncate}, {@code
 *       exclusive}, {@code write} or {@code mutate-directory}) fails with {@code read-only}, as a
 *       read-only mount does (EROFS; Wasmtime says {@code not-permitted} for a read-only preopen,
 *       which hides why).
 *   <li>Writing through a descriptor ({@code write}, {@code write-via-stream}, {@code
 *       append-via-stream}, {@code set-size}) fails with {@code not-permitted}: no descriptor is
 *       ever open for writing (Wasmtime's answer).
 *   <li>File operations on a directory descriptor ({@code read}, {@code read-via-stream}) fail with
 *       {@code bad-descriptor}, directory operations on a file with {@code not-directory}.
 *   <li>{@code filesystem-error-code} gives the {@code error-code} of a failed file stream read.
 * </ul>
 */
public final class WasiFilesystem {
  /** {@code wasi:filesystem/types.descriptor}. */
  public static final ResourceType DESCRIPTOR = ResourceType.host("descriptor");

  /** {@code wasi:filesystem/types.directory-entry-stream}. */
  public static final ResourceType DIRECTORY_ENTRY_STREAM =
      ResourceType.host("directory-entry-stream");

  private WasiFilesystem() {}

  /** Registers {@code wasi:filesystem/types} and {@code preopens} at 0.2.12. */
  public static void addToLinker(Linker linker) {
    FsHost.define(Definer.of(linker));
  }
}
