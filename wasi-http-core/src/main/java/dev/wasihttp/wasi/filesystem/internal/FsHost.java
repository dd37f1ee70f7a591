package dev.wasihttp.wasi.filesystem.internal;

import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.WasiView;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.io.IoError;
import dev.wasihttp.wasi.io.internal.IoResources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

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
public final class FsHost {
  /** {@code wasi:filesystem/types.descriptor}. */
  public static final ResourceType DESCRIPTOR_TYPE = ResourceType.host("descriptor");

  /** {@code wasi:filesystem/types.directory-entry-stream}. */
  public static final ResourceType DIRECTORY_ENTRY_STREAM_TYPE =
      ResourceType.host("directory-entry-stream");

  private static final String TYPES = Host.iface("filesystem/types");
  private static final String DESCRIPTOR = "descriptor";

  /**
   * Descriptor methods that write through the descriptor: none is open for writing, which Wasmtime
   * answers with {@code not-permitted}.
   */
  private static final List<String> WRITES_THROUGH_DESCRIPTOR =
      List.of("write-via-stream", "append-via-stream", "set-size", "write");

  /**
   * Methods that change the mounted tree: the mount is read-only, so {@code read-only} (EROFS),
   * which tells the guest why more precisely than Wasmtime's {@code not-permitted}.
   */
  private static final List<String> TREE_CHANGES =
      List.of(
          "set-times",
          "create-directory-at",
          "set-times-at",
          "link-at",
          "remove-directory-at",
          "rename-at",
          "symlink-at",
          "unlink-file-at");

  /** A descriptor method that may fail with an {@code error-code}. */
  @FunctionalInterface
  private interface FsMethod {
    Val call(WasiContext ctx, Descriptor d, List<Val> args) throws FsError;
  }

  private FsHost() {}

  public static <T extends WasiView> void define(Definer<T> linker) {
    linker.resource(
        TYPES,
        DESCRIPTOR,
        DESCRIPTOR_TYPE,
        (c, rep) -> Host.ctx(c).table().delete(rep, Descriptor.class));
    linker.resource(
        TYPES,
        "directory-entry-stream",
        DIRECTORY_ENTRY_STREAM_TYPE,
        (c, rep) -> Host.ctx(c).table().delete(rep, DirEntries.class));

    for (String m : WRITES_THROUGH_DESCRIPTOR) {
      method(linker, m, (ctx, d, a) -> fail("not-permitted"));
    }
    for (String m : TREE_CHANGES) {
      method(linker, m, (ctx, d, a) -> fail("read-only"));
    }
    method(linker, "advise", (ctx, d, a) -> Host.ok(null));
    method(linker, "sync-data", (ctx, d, a) -> Host.ok(null));
    method(linker, "sync", (ctx, d, a) -> Host.ok(null));
    method(linker, "get-flags", (ctx, d, a) -> Host.ok(new Val.Flags(List.of("read"))));
    method(
        linker,
        "get-type",
        (ctx, d, a) -> Host.ok(new Val.EnumValue(Stat.type(Stat.attributes(d.path())))));
    method(linker, "stat", (ctx, d, a) -> Host.ok(Stat.stat(d.path())));
    method(linker, "stat-at", (ctx, d, a) -> Host.ok(Stat.stat(at(d, a.get(1), a.get(2)))));
    method(linker, "metadata-hash", (ctx, d, a) -> Host.ok(Stat.hash(d.path())));
    method(
        linker, "metadata-hash-at", (ctx, d, a) -> Host.ok(Stat.hash(at(d, a.get(1), a.get(2)))));
    method(linker, "read-via-stream", FsHost::readViaStream);
    method(linker, "read", FsHost::read);
    method(linker, "read-directory", FsHost::readDirectory);
    method(linker, "open-at", FsHost::openAt);
    method(linker, "readlink-at", FsHost::readlinkAt);
    Host.method(
        linker,
        TYPES,
        DESCRIPTOR,
        "is-same-object",
        Descriptor.class,
        (ctx, d, a) -> new Val.Bool(same(d, ctx.table().get(a.get(1), Descriptor.class))));
    Host.method(
        linker,
        TYPES,
        "directory-entry-stream",
        "read-directory-entry",
        DirEntries.class,
        (ctx, s, a) -> {
          Val entry = s.next();
          return Host.ok(entry == null ? Val.Option.none() : Val.Option.some(entry));
        });
    linker.func(
        TYPES,
        "filesystem-error-code",
        (c, a) -> {
          IoError e = IoResources.error(Host.ctx(c), a.get(0));
          return e.detail() instanceof FsError
              ? Val.Option.some(new Val.EnumValue(((FsError) e.detail()).code()))
              : Val.Option.none();
        });

    linker.func(Host.iface("filesystem/preopens"), "get-directories", (c, a) -> preopens(c));
  }

  private static <T extends WasiView> void method(Definer<T> linker, String name, FsMethod m) {
    Host.method(
        linker,
        TYPES,
        DESCRIPTOR,
        name,
        Descriptor.class,
        (ctx, d, args) -> {
          try {
            return m.call(ctx, d, args);
          } catch (FsError e) {
            return Host.errCode(e.code());
          }
        });
  }

  private static Val fail(String code) throws FsError {
    throw new FsError(code);
  }

  private static Val preopens(Caller<? extends WasiView> c) {
    WasiContext ctx = Host.ctx(c);
    WasiConfig config = ctx.config();
    List<Val> out = new ArrayList<>();
    config
        .directory()
        .ifPresent(
            dir -> {
              int rep = ctx.table().push(new Descriptor(dir, dir, true));
              out.add(
                  new Val.Tuple(
                      List.of(new Val.Own(DESCRIPTOR_TYPE, rep), new Val.Str(config.guestPath()))));
            });
    return new Val.ListValue(out);
  }

  /** The path {@code path} names relative to directory {@code d}, per {@code path-flags}. */
  private static Path at(Descriptor d, Val pathFlags, Val path) throws FsError {
    if (!d.directory()) {
      throw new FsError("not-directory");
    }
    boolean follow = ((Val.Flags) pathFlags).names().contains("symlink-follow");
    return PathResolver.resolve(d.root(), d.path(), ((Val.Str) path).value(), follow);
  }

  private static Val openAt(WasiContext ctx, Descriptor d, List<Val> a) throws FsError {
    Path p = at(d, a.get(1), a.get(2));
    List<String> open = ((Val.Flags) a.get(3)).names();
    List<String> flags = ((Val.Flags) a.get(4)).names();
    if (open.contains("create") || open.contains("truncate") || open.contains("exclusive")) {
      if (open.contains("exclusive") && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new FsError("exist");
      }
      throw new FsError("read-only");
    }
    if (flags.contains("write") || flags.contains("mutate-directory")) {
      throw new FsError("read-only");
    }
    String type = Stat.type(Stat.attributes(p));
    if (type.equals("symbolic-link")) {
      throw new FsError("loop"); // O_NOFOLLOW on a link
    }
    boolean dir = type.equals("directory");
    if (open.contains("directory") && !dir) {
      throw new FsError("not-directory");
    }
    int rep = ctx.table().push(new Descriptor(d.root(), p, dir));
    return Host.ok(new Val.Own(DESCRIPTOR_TYPE, rep));
  }

  private static Val readViaStream(WasiContext ctx, Descriptor d, List<Val> a) throws FsError {
    FileChannel ch = channel(d);
    return Host.ok(IoResources.pushInputStream(ctx, new FileInput(ch, Host.u64(a.get(1)))));
  }

  private static Val read(WasiContext ctx, Descriptor d, List<Val> a) throws FsError {
    int len = Host.clamp(a.get(1), IoResources.MAX_READ);
    long offset = Host.u64(a.get(2));
    try (FileChannel ch = channel(d)) {
      ByteBuffer buf = ByteBuffer.allocate(len);
      int n = offset < 0 ? -1 : ch.read(buf, offset);
      byte[] bytes = n <= 0 ? new byte[0] : Arrays.copyOf(buf.array(), n);
      boolean end = n < 0 || (offset >= 0 && offset + Math.max(n, 0) >= ch.size());
      return Host.ok(new Val.Tuple(List.of(Host.list(bytes), new Val.Bool(end))));
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  private static FileChannel channel(Descriptor d) throws FsError {
    if (d.directory()) {
      throw new FsError("bad-descriptor"); // a file operation on a directory, as Wasmtime says
    }
    try {
      return FileChannel.open(d.path(), StandardOpenOption.READ);
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  private static Val readDirectory(WasiContext ctx, Descriptor d, List<Val> a) throws FsError {
    if (!d.directory()) {
      throw new FsError("not-directory");
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(d.path())) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    } catch (IOException e) {
      throw FsError.of(e);
    }
    names.sort(null);
    int rep = ctx.table().push(new DirEntries(d.path(), names));
    return Host.ok(new Val.Own(DIRECTORY_ENTRY_STREAM_TYPE, rep));
  }

  private static Val readlinkAt(WasiContext ctx, Descriptor d, List<Val> a) throws FsError {
    if (!d.directory()) {
      throw new FsError("not-directory");
    }
    Path p = PathResolver.resolve(d.root(), d.path(), ((Val.Str) a.get(1)).value(), false);
    if (!Files.isSymbolicLink(p)) {
      throw new FsError("invalid");
    }
    try {
      String target = Files.readSymbolicLink(p).toString();
      if (target.startsWith("/")) {
        throw new FsError("not-permitted"); // would reveal a host path
      }
      return Host.ok(new Val.Str(target));
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  private static boolean same(Descriptor a, Descriptor b) {
    try {
      return Files.isSameFile(a.path(), b.path());
    } catch (IOException e) {
      return false;
    }
  }
}
