package dev.wasihttp.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One header or trailer field as it crosses between a container and a guest: the name as sent
 * (fields compare names case-insensitively) and the value as raw bytes, because wasi:http field
 * values are bytes, not text. Containers decode header bytes as ISO-8859-1, so {@link
 * #latin1(String, String)} round-trips them exactly.
 */
public record HttpField(String name, byte[] value) {
  /**
   * What a {@code fields} object counts per field beyond its name and value bytes, as HPACK does
   * (RFC 7541 §4.1), so that many tiny fields cannot evade a size cap.
   */
  public static final int SIZE_OVERHEAD = 32;

  public HttpField {
    Objects.requireNonNull(name, "name");
    value = value.clone();
  }

  /** A field whose value is a container string (ISO-8859-1 decoded bytes). */
  public static HttpField latin1(String name, String value) {
    return new HttpField(name, value.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** The value as a container string (ISO-8859-1). */
  public String latin1Value() {
    return new String(value, StandardCharsets.ISO_8859_1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpField hf && hf.name.equals(name) && Arrays.equals(hf.value, value);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return name + ": " + latin1Value();
  }
}
