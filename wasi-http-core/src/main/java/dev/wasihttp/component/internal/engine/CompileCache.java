package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;

/**
 * Compiled core modules on disk, one file per key, so that a restart does not compile again. On
 * Chicory's {@link Cache} interface. What it holds is loaded as JVM classes: trusted code. So the
 * directory is created readable by its owner only, and one that others may write to is refused.
 *
 * <p>Writes go to a temporary file moved into place, so a reader never sees half an entry; two
 * processes filling the same key write the same bytes.
 *
 * <p>Entries are also found on the class path, under {@link #CLASS_PATH_PREFIX}: what {@code
 * wasi-http compile} writes into a jar, so that a deployment with that jar compiles nothing.
 */
public final class CompileCache implements Cache {
  /**
   * The version of this runtime's rewrites of a module before it is compiled ({@link
   * SharedTypeIndices}, {@link TagIdentity}, the memory image, the functions a {@link BoundsGuard}
   * keeps interpreted): part of every key, raised when a rewrite changes what is compiled.
   */
  static final int REWRITE_VERSION = 2;

  /** Where entries are found on the class path: {@code META-INF/wasi-http/compiled/KEY.classes}. */
  public static final String CLASS_PATH_PREFIX = "META-INF/wasi-http/compiled/";

  private static final String CHICORY_VERSION = chicoryVersion();

  /** The directory, or null: only the class path is read. */
  private final Path dir;

  private CompileCache(Path dir) {
    this.dir = dir;
  }

  /** A cache that only reads entries from the class path (and writes nothing). */
  public static CompileCache classPathOnly() {
    return new CompileCache(null);
  }

  /**
   * The cache in {@code dir}, created (with its parents) readable and writable by its owner only.
   *
   * @throws IOException when it cannot be created, or when others may write to it
   */
  public static CompileCache open(Path dir) throws IOException {
    Path d = dir.toAbsolutePath();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(d)) {
      Files.createDirectories(d.getParent());
      try {
        if (posix) {
          Files.createDirectory(
              d,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectory(d);
        }
      } catch (FileAlreadyExistsException raced) {
        // Another process made it first; it is checked below like any existing directory.
      }
    }
    PosixFileAttributeView view = Files.getFileAttributeView(d, PosixFileAttributeView.class);
    if (view != null) {
      Set<PosixFilePermission> p = view.readAttributes().permissions();
      if (p.contains(PosixFilePermission.GROUP_WRITE)
          || p.contains(PosixFilePermission.OTHERS_WRITE)) {
        throw new IOException(
            "compile cache "
                + d
                + " is writable by others ("
                + PosixFilePermissions.toString(p)
                + "): the classes it holds are trusted code");
      }
    }
    return new CompileCache(d);
  }

  /** The default directory: {@code $XDG_CACHE_HOME/wasi-http}, else {@code ~/.cache/wasi-http}. */
  public static Path defaultDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("wasi-http");
  }

  /** Where the entries are written; null when only the class path is read. */
  public Path directory() {
    return dir;
  }

  /**
   * The key of a core module compiled from a component: the SHA-256 of what decides the classes.
   * This runtime's rewrites of a module are a function of the component's bytes, so the component's
   * digest and the module's offset in it name the bytes actually compiled; the rewrite version,
   * Chicory's version and the compiler option complete it.
   */
  public static String key(byte[] componentSha256, long moduleOffset, boolean fallback) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(componentSha256);
      d.update(
          ("|module@"
                  + moduleOffset
                  + "|rewrites "
                  + REWRITE_VERSION
                  + "|chicory "
                  + CHICORY_VERSION
                  + "|fallback "
                  + fallback)
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public byte[] get(String key) throws IOException {
    if (dir != null) {
      try {
        return Files.readAllBytes(file(key));
      } catch (NoSuchFileException e) {
        // Perhaps built into the application: the class path is next.
      }
    }
    return fromClassPath(key);
  }

  private static byte[] fromClassPath(String key) throws IOException {
    URL entry = classPathEntry(key);
    if (entry == null) {
      return null;
    }
    try (InputStream in = entry.openStream()) {
      return in.readAllBytes();
    }
  }

  /**
   * Where the class path holds the entry for {@code key}: the thread's context class loader (a web
   * application's {@code WEB-INF/lib}) first, then this runtime's own loader; null when neither.
   */
  private static URL classPathEntry(String key) {
    String name = CLASS_PATH_PREFIX + fileName(key);
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    URL entry = context == null ? null : context.getResource(name);
    return entry != null ? entry : CompileCache.class.getClassLoader().getResource(name);
  }

  @Override
  public void putIfAbsent(String key, byte[] data) throws IOException {
    if (dir == null) {
      return;
    }
    Path target = file(key);
    if (Files.exists(target)) {
      return;
    }
    Path tmp = Files.createTempFile(dir, key, ".tmp");
    try {
      Files.write(tmp, data);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Drops an entry that could not be read back (written by an older or broken process). */
  void remove(String key) throws IOException {
    if (dir != null) {
      Files.deleteIfExists(file(key));
    }
  }

  private Path file(String key) {
    return dir.resolve(fileName(key));
  }

  /** The file of an entry, in the directory and on the class path alike. */
  private static String fileName(String key) {
    if (!key.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a cache key: " + key);
    }
    return key + ".classes";
  }

  private static String chicoryVersion() {
    try (InputStream in =
        Cache.class
            .getClassLoader()
            .getResourceAsStream("META-INF/maven/com.dylibso.chicory/compiler/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // The version is part of the key only; without it the key still names the classes.
    }
    return "unknown";
  }
}
