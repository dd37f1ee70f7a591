package dev.wasihttp.http.internal;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The policy every {@code fields} object of one handler follows: which names are forbidden
 * (hop-by-hop and connection-specific fields the host owns) and how large one fields object may
 * grow. Immutable and shared by all requests of a handler.
 *
 * @param forbidden forbidden names, lower case
 * @param maxFieldSize the cap on {@link HostFields#size()}; exceeding it traps the guest
 */
public record FieldRules(Set<String> forbidden, int maxFieldSize) {
  public FieldRules {
    forbidden =
        forbidden.stream()
            .map(n -> n.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    if (maxFieldSize <= 0) {
      throw new IllegalArgumentException("maxFieldSize must be positive: " + maxFieldSize);
    }
  }

  /** Whether {@code name} (any case) is forbidden. */
  public boolean isForbidden(String name) {
    return forbidden.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Whether {@code name} is an HTTP token (RFC 9110 §5.6.2): a valid field name. */
  public static boolean isValidName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isTchar(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTchar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /**
   * Whether {@code value} is a valid value for a field named {@code name}: visible bytes, space,
   * tab and obs-text (0x80-0xff), no other control bytes (RFC 9110 §5.5), as the {@code http} crate
   * Wasmtime uses accepts; {@code content-length} must be plain digits.
   */
  public static boolean isValidValue(String name, byte[] value) {
    for (byte b : value) {
      int c = b & 0xff;
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    if (name.equalsIgnoreCase("content-length")) {
      if (value.length == 0) {
        return false;
      }
      for (byte b : value) {
        if (b < '0' || b > '9') {
          return false;
        }
      }
    }
    return true;
  }
}
