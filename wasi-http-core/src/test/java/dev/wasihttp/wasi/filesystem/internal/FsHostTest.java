package dev.wasihttp.wasi.filesystem.internal;

import static dev.wasihttp.wasi.WasiHarness.bytes;
import static dev.wasihttp.wasi.WasiHarness.err;
import static dev.wasihttp.wasi.WasiHarness.flags;
import static dev.wasihttp.wasi.WasiHarness.ok;
import static dev.wasihttp.wasi.WasiHarness.str;
import static dev.wasihttp.wasi.WasiHarness.text;
import static dev.wasihttp.wasi.WasiHarness.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wasi:filesystem}: nothing by default; a host directory mounted read-only at a guest path,
 * readable below it, with no way out through {@code ..} or symbolic links, and every write refused.
 */
class FsHostTest {
  static final String TYPES = "filesystem/types";

  @TempDir Path tmp;
  Path mount;
  WasiHarness guest;
  Val root;

  @BeforeEach
  void mount() throws IOException {
    mount = Files.createDirectory(tmp.resolve("site"));
    Files.writeString(mount.resolve("index.html"), "<h1>hi</h1>");
    Files.createDirectory(mount.resolve("css"));
    Files.writeString(mount.resolve("css/site.css"), "body{}");
    Files.writeString(tmp.resolve("secret.txt"), "top secret");
    Files.createSymbolicLink(mount.resolve("home"), Path.of("index.html"));
    Files.createSymbolicLink(mount.resolve("up"), Path.of("../secret.txt"));
    Files.createSymbolicLink(mount.resolve("abs"), tmp.resolve("secret.txt"));
    guest = new WasiHarness(WasiConfig.builder().directory(mount, "/static").build());
    Val.ListValue preopens = (Val.ListValue) guest.call("filesystem/preopens", "get-directories");
    Val.Tuple first = (Val.Tuple) preopens.elements().get(0);
    assertEquals(str("/static"), first.values().get(1));
    root = first.values().get(0);
  }

  Val d(String method, Val self, Val... args) {
    return guest.method(TYPES, "descriptor", method, self, args);
  }

  Val open(String path, Val openFlags) {
    return d("open-at", root, flags("symlink-follow"), str(path), openFlags, flags("read"));
  }

  Val open(String path) {
    return open(path, flags());
  }

  static Val code(String c) {
    return new Val.EnumValue(c);
  }

  @Test
  void noPreopensByDefault() {
    assertEquals(
        new Val.ListValue(List.of()),
        new WasiHarness().call("filesystem/preopens", "get-directories"));
  }

  @Test
  void readsAFileThroughAStreamAndAtAnOffset() {
    Val file = ok(open("index.html"));
    Val in = ok(d("read-via-stream", file, u64(4)));
    assertEquals(
        "hi</h1>",
        text(ok(guest.method("io/streams", "input-stream", "blocking-read", in, u64(100)))));
    assertEquals(
        new Val.Variant("closed", null),
        err(guest.method("io/streams", "input-stream", "read", in, u64(100))));
    Val.Tuple r = (Val.Tuple) ok(d("read", file, u64(4), u64(0)));
    assertEquals("<h1>", text(r.values().get(0)));
    assertEquals(new Val.Bool(false), r.values().get(1));
    Val.Tuple end = (Val.Tuple) ok(d("read", file, u64(100), u64(4)));
    assertEquals(new Val.Bool(true), end.values().get(1));
  }

  @Test
  void statTypeAndFlags() {
    Val.RecordValue stat = (Val.RecordValue) ok(d("stat-at", root, flags(), str("css/site.css")));
    assertEquals(code("regular-file"), stat.get("type"));
    assertEquals(u64(6), stat.get("size"));
    assertTrue(((Val.Option) stat.get("data-modification-timestamp")).isSome());
    assertEquals(
        code("symbolic-link"),
        ((Val.RecordValue) ok(d("stat-at", root, flags(), str("home")))).get("type"));
    assertEquals(
        code("regular-file"),
        ((Val.RecordValue) ok(d("stat-at", root, flags("symlink-follow"), str("home"))))
            .get("type"));
    assertEquals(code("directory"), ok(d("get-type", root)));
    assertEquals(flags("read"), ok(d("get-flags", root)));
    assertEquals(code("no-entry"), err(d("stat-at", root, flags(), str("missing"))));
  }

  @Test
  void readsADirectory() {
    Val css = ok(open("css", flags("directory")));
    Val entries = ok(d("read-directory", root));
    List<String> seen = new ArrayList<>();
    while (true) {
      Val.Option next =
          (Val.Option)
              ok(guest.method(TYPES, "directory-entry-stream", "read-directory-entry", entries));
      if (!next.isSome()) {
        break;
      }
      Val.RecordValue e = (Val.RecordValue) next.value();
      seen.add(
          ((Val.Str) e.get("name")).value() + ":" + ((Val.EnumValue) e.get("type")).caseName());
    }
    assertEquals(
        List.of(
            "abs:symbolic-link",
            "css:directory",
            "home:symbolic-link",
            "index.html:regular-file",
            "up:symbolic-link"),
        seen);
    assertEquals(code("not-directory"), err(open("index.html", flags("directory"))));
    assertEquals(code("bad-descriptor"), err(d("read-via-stream", css, u64(0))));
  }

  @Test
  void noPathLeadsOutOfTheMount() {
    assertEquals(code("not-permitted"), err(open("../secret.txt")));
    assertEquals(code("not-permitted"), err(open("css/../../secret.txt")));
    assertEquals(code("not-permitted"), err(open("/etc/passwd")));
    assertEquals(code("not-permitted"), err(open("up")));
    assertEquals(code("not-permitted"), err(open("abs")));
    assertEquals(
        code("not-permitted"), err(d("stat-at", root, flags("symlink-follow"), str("up"))));
    Val css = ok(open("css"));
    assertEquals(
        code("not-permitted"),
        err(d("open-at", css, flags(), str("../.."), flags(), flags("read"))));
    // Inside the mount, .. and links work.
    assertEquals(code("regular-file"), ok(d("get-type", ok(open("css/../home")))));
    assertEquals(str("index.html"), ok(d("readlink-at", root, str("home"))));
    assertEquals(code("not-permitted"), err(d("readlink-at", root, str("abs"))));
  }

  @Test
  void everyWriteFails() {
    Val file = ok(open("index.html"));
    assertEquals(code("read-only"), err(open("new.txt", flags("create"))));
    assertEquals(code("read-only"), err(open("index.html", flags("truncate"))));
    assertEquals(
        code("read-only"),
        err(d("open-at", root, flags(), str("index.html"), flags(), flags("read", "write"))));
    assertEquals(code("read-only"), err(d("create-directory-at", root, str("x"))));
    assertEquals(code("read-only"), err(d("unlink-file-at", root, str("index.html"))));
    assertEquals(code("read-only"), err(d("remove-directory-at", root, str("css"))));
    assertEquals(
        code("read-only"),
        err(d("rename-at", root, str("index.html"), WasiHarness.borrow(root), str("y"))));
    assertEquals(code("read-only"), err(d("symlink-at", root, str("index.html"), str("z"))));
    assertEquals(code("not-permitted"), err(d("write", file, bytes("x"), u64(0))));
    assertEquals(code("not-permitted"), err(d("write-via-stream", file, u64(0))));
    assertEquals(code("not-permitted"), err(d("append-via-stream", file)));
    assertEquals(code("not-permitted"), err(d("set-size", file, u64(0))));
    ok(d("sync", file));
    ok(d("advise", file, u64(0), u64(0), new Val.EnumValue("normal")));
    assertEquals("<h1>hi</h1>", readString(mount.resolve("index.html")));
  }

  @Test
  void identityAndMetadataHashes() {
    Val a = ok(open("index.html"));
    Val b = ok(open("home"));
    Val css = ok(open("css/site.css"));
    assertEquals(new Val.Bool(true), d("is-same-object", a, WasiHarness.borrow(b)));
    assertEquals(new Val.Bool(false), d("is-same-object", a, WasiHarness.borrow(css)));
    assertEquals(ok(d("metadata-hash", a)), ok(d("metadata-hash", b)));
    assertEquals(
        ok(d("metadata-hash", a)),
        ok(d("metadata-hash-at", root, flags("symlink-follow"), str("index.html"))));
    assertNotEquals(ok(d("metadata-hash", a)), ok(d("metadata-hash", css)));
  }

  @Test
  void droppingEverythingEmptiesTheTable() {
    Val file = ok(open("index.html"));
    Val in = ok(d("read-via-stream", file, u64(0)));
    guest.drop("io/streams", "input-stream", in);
    guest.drop(TYPES, "descriptor", file);
    guest.drop(TYPES, "descriptor", root);
    assertEquals(0, guest.wasi().table().size());
  }

  private static String readString(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
