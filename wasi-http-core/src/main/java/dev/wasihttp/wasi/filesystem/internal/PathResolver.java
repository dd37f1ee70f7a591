package dev.wasihttp.wasi.filesystem.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a guest path relative to a directory descriptor without leaving the mounted root, one
 * component at a time as a capability-based filesystem does: {@code ..} moves to the real parent
 * and is refused at the root, a symbolic link is expanded in place (its target must be relative,
 * and is resolved by the same rules), absolute paths are refused. So neither {@code ..} nor a link
 * leads out of the mount, whatever the host's tree looks like.
 */
final class PathResolver {
  /** 40: the most symbolic links expanded in one resolution (Linux's limit), else {@code loop}. */
  public static final int MAX_SYMLINKS = 40;

  /** 4096: the longest guest path accepted, in characters, else {@code name-too-long}. */
  public static final int MAX_PATH = 4096;

  private PathResolver() {}

  /**
   * The host path {@code path} names, relative to {@code base} (a real directory at or below {@code
   * root}). The result is below {@code root}; it may not exist. A final symbolic link is expanded
   * only when {@code followFinal}.
   *
   * @throws FsError {@code not-permitted} for a path leading out of the root or an absolute path,
   *     {@code no-entry}, {@code not-directory}, {@code loop}, {@code name-too-long}, {@code
   *     invalid}
   */
  public static Path resolve(Path root, Path base, String path, boolean followFinal)
      throws FsError {
    if (path.length() > MAX_PATH) {
      throw new FsError("name-too-long");
    }
    if (path.indexOf('\0') >= 0) {
      throw new FsError("invalid");
    }
    if (path.isEmpty()) {
      throw new FsError("no-entry");
    }
    if (path.startsWith("/")) {
      throw new FsError("not-permitted");
    }
    Deque<String> pending = new ArrayDeque<>(components(path));
    Path cur = base;
    int links = 0;
    try {
      while (!pending.isEmpty()) {
        String name = pending.pollFirst();
        boolean last = pending.isEmpty();
        if (name.equals("..")) {
          if (cur.equals(root)) {
            throw new FsError("not-permitted");
          }
          cur = cur.getParent();
          continue;
        }
        Path next = cur.resolve(name);
        if (Files.isSymbolicLink(next) && (!last || followFinal)) {
          if (++links > MAX_SYMLINKS) {
            throw new FsError("loop");
          }
          String target = Files.readSymbolicLink(next).toString();
          if (target.startsWith("/")) {
            throw new FsError("not-permitted");
          }
          List<String> expanded = components(target);
          for (int i = expanded.size() - 1; i >= 0; i--) {
            pending.addFirst(expanded.get(i));
          }
          continue;
        }
        if (!last) {
          if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
            throw new FsError("no-entry");
          }
          if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
            throw new FsError("not-directory");
          }
        }
        cur = next;
      }
    } catch (IOException e) {
      throw FsError.of(e);
    }
    return cur;
  }

  private static List<String> components(String path) {
    List<String> out = new ArrayList<>();
    for (String c : path.split("/")) {
      if (!c.isEmpty() && !c.equals(".")) {
        out.add(c);
      }
    }
    return out;
  }
}
