package dev.wasihttp.component.internal.binary;

/**
 * An import or export name with its attributes (Binary.md, {@code nameattributes}). The {@code
 * 0x00} and {@code 0x01} forms carry only the name; the {@code 0x02} form adds a vector of
 * attributes, each kind at most once (checked by validation, not here: a repeated kind keeps the
 * last value).
 *
 * @param name the name as written, e.g. {@code wasi:http/types@0.2.3} or {@code [method]fields.get}
 * @param versionSuffix the {@code (versionsuffix "vs")} attribute ({@code 0x01}), or {@code null}
 * @param implementsName the {@code (implements "in")} attribute ({@code 0x00}), or {@code null}
 * @param externalId the {@code (external-id n)} attribute ({@code 0x02}), or {@code null}
 */
public record ExternName(
    String name, String versionSuffix, String implementsName, String externalId) {

  /** A name without attributes. */
  public static ExternName of(String name) {
    return new ExternName(name, null, null, null);
  }
}
