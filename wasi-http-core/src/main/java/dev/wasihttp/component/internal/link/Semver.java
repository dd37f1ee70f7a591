package dev.wasihttp.component.internal.link;

import java.util.Collection;

/**
 * Semver-compatible matching of interface names, as Wasmtime links them: {@code ns:pkg/iface@0.2.3}
 * matches any {@code ns:pkg/iface@0.2.x} (for 0.x the minor version is the compatibility line, for
 * 1.0 and later the major), and the highest such version wins. Names without a version match only
 * exactly.
 */
final class Semver {
  private Semver() {}

  /** The best name in {@code candidates} for {@code wanted}, or null. */
  static String bestMatch(String wanted, Collection<String> candidates) {
    if (candidates.contains(wanted)) {
      return wanted;
    }
    int at = wanted.lastIndexOf('@');
    if (at < 0) {
      return null;
    }
    String base = wanted.substring(0, at);
    long[] want = parse(wanted.substring(at + 1));
    if (want == null) {
      return null;
    }
    String best = null;
    long[] bestVersion = null;
    for (String c : candidates) {
      int cat = c.lastIndexOf('@');
      if (cat < 0 || !c.substring(0, cat).equals(base)) {
        continue;
      }
      long[] v = parse(c.substring(cat + 1));
      if (v == null || !compatible(want, v)) {
        continue;
      }
      if (bestVersion == null || compare(v, bestVersion) > 0) {
        best = c;
        bestVersion = v;
      }
    }
    return best;
  }

  private static boolean compatible(long[] a, long[] b) {
    if (a[0] != b[0]) {
      return false;
    }
    if (a[0] > 0) {
      return true;
    }
    if (a[1] != b[1]) {
      return false;
    }
    return a[1] > 0 || a[2] == b[2];
  }

  private static int compare(long[] a, long[] b) {
    for (int i = 0; i < 3; i++) {
      int c = Long.compare(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** major.minor.patch; pre-release or build suffixes are not semver-compatible: null. */
  private static long[] parse(String v) {
    String[] parts = v.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    long[] out = new long[3];
    for (int i = 0; i < 3; i++) {
      if (parts[i].isEmpty()
          || parts[i].length() > 18
          || !parts[i].chars().allMatch(Character::isDigit)) {
        return null;
      }
      out[i] = Long.parseLong(parts[i]);
    }
    return out;
  }
}
