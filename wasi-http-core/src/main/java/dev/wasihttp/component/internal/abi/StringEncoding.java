package dev.wasihttp.component.internal.abi;

/** The {@code string-encoding} canonical option (CanonicalABI.md, "Canonical ABI Options"). */
public enum StringEncoding {
  UTF8,
  UTF16,
  /**
   * {@code latin1+utf16}: latin-1 when every code point fits, else UTF-16, tagged in the length.
   */
  LATIN1_UTF16
}
