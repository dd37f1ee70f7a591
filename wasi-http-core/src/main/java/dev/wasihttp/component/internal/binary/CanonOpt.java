package dev.wasihttp.component.internal.binary;

import dev.wasihttp.component.internal.abi.StringEncoding;

/**
 * A canonical option (Binary.md, {@code canonopt}). The async options ({@code 0x06} async, {@code
 * 0x07} callback) are refused by the decoder.
 */
public sealed interface CanonOpt {

  /** {@code 0x00} utf8, {@code 0x01} utf16, {@code 0x02} latin1+utf16. */
  record StringEncodingOpt(StringEncoding encoding) implements CanonOpt {}

  /** {@code 0x03}: {@code (memory m)}. */
  record MemoryOpt(int coreMemoryIndex) implements CanonOpt {}

  /** {@code 0x04}: {@code (realloc f)}. */
  record ReallocOpt(int coreFuncIndex) implements CanonOpt {}

  /** {@code 0x05}: {@code (post-return f)}. */
  record PostReturnOpt(int coreFuncIndex) implements CanonOpt {}
}
