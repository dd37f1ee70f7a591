package dev.wasihttp.wasi.filesystem.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.clocks.internal.ClocksHost;
import dev.wasihttp.wasi.internal.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/** {@code descriptor-stat}, {@code descriptor-type} and {@code metadata-hash-value} of a path. */
final class Stat {
  private Stat() {}

  /** The WIT {@code descriptor-type} of {@code a}. */
  public static String type(BasicFileAttributes a) {
    if (a.isDirectory()) {
      return "directory";
    }
    if (a.isRegularFile()) {
      return "regular-file";
    }
    if (a.isSymbolicLink()) {
      return "symbolic-link";
    }
    return "unknown";
  }

  /** The attributes of {@code path} itself (a final symbolic link is not followed). */
  public static BasicFileAttributes attributes(Path path) throws FsError {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  /** The {@code descriptor-stat} record of {@code path} itself. */
  public static Val stat(Path path) throws FsError {
    BasicFileAttributes a = attributes(path);
    Map<String, Object> unix = unix(path);
    long links = unix.get("nlink") instanceof Integer ? (Integer) unix.get("nlink") : 1;
    Val ctime = unix.get("ctime") instanceof FileTime ? time((FileTime) unix.get("ctime")) : none();
    return new Val.RecordValue(
        List.of(
            new Val.RecordValue.Field("type", new Val.EnumValue(type(a))),
            new Val.RecordValue.Field("link-count", Host.u64(links)),
            new Val.RecordValue.Field("size", Host.u64(a.size())),
            new Val.RecordValue.Field("data-access-timestamp", time(a.lastAccessTime())),
            new Val.RecordValue.Field("data-modification-timestamp", time(a.lastModifiedTime())),
            new Val.RecordValue.Field("status-change-timestamp", ctime)));
  }

  /**
   * The {@code metadata-hash-value} of {@code path} itself: a digest of its identity (device and
   * inode where the platform has them), size and modification time, so equal hashes mean the same
   * unchanged object, within one host.
   */
  public static Val hash(Path path) throws FsError {
    BasicFileAttributes a = attributes(path);
    Map<String, Object> unix = unix(path);
    String identity =
        unix.get("dev")
            + ":"
            + unix.get("ino")
            + ":"
            + a.fileKey()
            + ":"
            + a.size()
            + ":"
            + a.lastModifiedTime().toInstant();
    byte[] d;
    try {
      d = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
    return new Val.RecordValue(
        List.of(
            new Val.RecordValue.Field("lower", Host.u64(longAt(d, 0))),
            new Val.RecordValue.Field("upper", Host.u64(longAt(d, 8)))));
  }

  private static long longAt(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  private static Map<String, Object> unix(Path path) {
    try {
      return Files.readAttributes(path, "unix:nlink,ctime,dev,ino", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Map.of(); // not a Unix filesystem: fewer details
    }
  }

  private static Val time(FileTime t) {
    return t == null ? none() : Val.Option.some(ClocksHost.datetime(t.toInstant()));
  }

  private static Val none() {
    return Val.Option.none();
  }
}
