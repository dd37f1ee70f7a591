package dev.wasihttp.servlet.internal.reload;

import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.proxy.WasiHttpHandler;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Looks at a reloading servlet's component file at each {@link #poll} and, once a change has
 * settled, loads the new bytes and hands the handler to {@link ReloadingHandler#swap}.
 *
 * <p>A change is seen in the file's size, modification time or identity (the inode, which a move
 * over the file changes). A file still being written is left alone until it stops changing: it is
 * read only when a poll finds it as the previous poll did, and again when it changed while it was
 * read. Bytes equal to those serving (by SHA-256: a {@code touch}, a copy of the same build) are
 * not loaded again. New bytes that fail to decode or link leave the serving version in place; the
 * failure is logged with the loader's message (for a malformed binary, its byte offset), once per
 * change, and the next change is tried afresh. A rewrite that keeps the size and the modification
 * time (a file system with coarse timestamps, within one tick) is not seen.
 *
 * <p>Not thread-safe: its polls run one at a time on the reloading servlet's thread (tests call
 * {@link #poll} themselves).
 */
public final class ComponentWatcher implements Runnable {
  /** Makes a handler from the new bytes; throws with the loader's message. */
  @FunctionalInterface
  public interface Loader {
    WasiHttpHandler load(byte[] bytes) throws ServletException;
  }

  /** What one poll did. */
  public enum Outcome {
    /** The file is as the serving version (or the last one tried) left it. */
    UNCHANGED,
    /** It changed since the last poll: looked at again at the next one. */
    CHANGING,
    /** It settled with the bytes already serving. */
    SAME_BYTES,
    /** It settled and its new bytes are serving now. */
    RELOADED,
    /** It settled, but its bytes failed to load: the serving version stays. */
    FAILED,
    /** It cannot be read (gone, or no permission): the serving version stays. */
    UNREADABLE
  }

  /** What a change is seen in: size, modification time and identity. */
  public record Stamp(long size, FileTime modified, Object fileKey) {
    /** The stamp of {@code file} now. */
    public static Stamp of(Path file) throws IOException {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(a.size(), a.lastModifiedTime(), a.fileKey());
    }
  }

  /** Where a component is on disk ({@code file}), or why it is not ({@code unwatchable}). */
  public record Location(Path file, String unwatchable) {}

  /**
   * Where a component location is on disk: a file path or {@code file:} URI as it is, a {@code
   * /WEB-INF/…} resource where the container unpacked it; a class-path resource, or a web
   * application the container keeps packed, is no file.
   */
  public static Location locate(String location, ServletContext context) {
    if (location.startsWith("classpath:")) {
      return new Location(null, "a class-path resource is no file of its own");
    }
    if (location.startsWith("/WEB-INF/")) {
      String real = context == null ? null : context.getRealPath(location);
      if (real == null) {
        return new Location(
            null, "the container keeps the web application's files nowhere on disk (getRealPath)");
      }
      Path file = Path.of(real);
      return Files.isRegularFile(file)
          ? new Location(file, null)
          : new Location(null, "no file at " + file);
    }
    return new Location(
        location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location), null);
  }

  private final Path file;
  private final Loader loader;
  private final ReloadingHandler target;
  private final LogSink log;
  private final String tag;

  /** The stamp of the bytes serving now, or of the last change tried. */
  private Stamp seen;

  /** A change seen at the last poll, read if the next one finds it again. */
  private Stamp changing;

  /** The SHA-256 of the bytes serving now. */
  private byte[] serving;

  private boolean unreadable;

  /**
   * Watches {@code file}, whose bytes {@code bytes} (read after {@code stamp} was taken, so a write
   * in between is seen as a change) serve now in {@code target}.
   */
  ComponentWatcher(
      Path file,
      Stamp stamp,
      byte[] bytes,
      Loader loader,
      ReloadingHandler target,
      LogSink log,
      String componentName) {
    this.file = file;
    this.seen = stamp;
    this.serving = sha256(bytes);
    this.loader = loader;
    this.target = target;
    this.log = log;
    this.tag = "[" + componentName + "] ";
  }

  /** The file watched. */
  public Path file() {
    return file;
  }

  /** One scheduled poll; whatever fails is logged, and the next poll comes all the same. */
  @Override
  public void run() {
    try {
      poll();
    } catch (RuntimeException | Error e) {
      log.log(LogSink.Level.ERROR, tag + "reload: watching " + file + " failed: " + e);
    }
  }

  /** Looks at the file once, and reloads if it settled with new bytes. */
  public Outcome poll() {
    Stamp now;
    try {
      now = Stamp.of(file);
    } catch (IOException e) {
      return unreadable(e);
    }
    unreadable = false;
    if (now.equals(seen)) {
      changing = null;
      return Outcome.UNCHANGED;
    }
    if (!now.equals(changing)) {
      changing = now; // perhaps half written: read once it stops changing
      return Outcome.CHANGING;
    }
    changing = null;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
      Stamp after = Stamp.of(file);
      if (!after.equals(now)) {
        changing = after; // written to while it was read
        return Outcome.CHANGING;
      }
    } catch (IOException e) {
      return unreadable(e);
    }
    seen = now;
    byte[] digest = sha256(bytes);
    if (Arrays.equals(digest, serving)) {
      return Outcome.SAME_BYTES;
    }
    WasiHttpHandler next;
    try {
      next = loader.load(bytes);
    } catch (ServletException | RuntimeException e) {
      target.reloadFailed();
      log.log(
          LogSink.Level.WARN,
          tag
              + "not reloaded from "
              + file
              + " (still serving version "
              + target.version()
              + "): "
              + Objects.requireNonNullElse(e.getMessage(), e.toString()));
      return Outcome.FAILED;
    }
    serving = digest;
    target.swap(next, file.toString());
    return Outcome.RELOADED;
  }

  private Outcome unreadable(IOException e) {
    changing = null;
    if (!unreadable) { // said once until it can be read again
      unreadable = true;
      log.log(
          LogSink.Level.WARN,
          tag
              + "reload: cannot read "
              + file
              + " ("
              + e
              + "), still serving version "
              + target.version());
    }
    return Outcome.UNREADABLE;
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
