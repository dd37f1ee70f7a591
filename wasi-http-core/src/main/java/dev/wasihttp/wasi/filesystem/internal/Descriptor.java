package dev.wasihttp.wasi.filesystem.internal;

import java.nio.file.Path;

/**
 * The state behind a {@code descriptor} handle: a real host path at or below the mount's root,
 * opened read-only. Holds no open file: each read opens the file (the mount is read-only, so it is
 * the host's to keep stable).
 */
record Descriptor(Path root, Path path, boolean directory) {}
