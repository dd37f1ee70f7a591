package dev.wasihttp.component.internal.binary;

import dev.wasihttp.component.internal.abi.StringEncoding;

/**
 * A canonical option (Binary.md, {@code canonopt}). The async options ({@code 0x06} async, {@code
 * 0x07} callback) are refused by the decoder.
 */
public sealed interface CanonOpt {
  /** Which option this is, for switches that must handle every one. */
  Kind kind();

  /** The canonical options decoded here; WASI 0.3 adds {@code async} and {@code callback}. */
  enum Kind {
    STRING_ENCODING,
    MEMORY,
    REALLOC,
    POST_RETURN
  }

  /** {@code 0x00} utf8, {@code 0x01} utf16, {@code 0x02} latin1+utf16. */
  record StringEncodingOpt(StringEncoding encoding) implements CanonOpt {
    @Override
    public Kind kind() {
      return Kind.STRING_ENCODING;
    }
  }

  /** {@code 0x03}: {@code (memory m)}. */
  record MemoryOpt(int coreMemoryIndex) implements CanonOpt {
    @Override
    public Kind kind() {
      return Kind.MEMORY;
    }
  }

  /** {@code 0x04}: {@code (realloc f)}. */
  record ReallocOpt(int coreFuncIndex) implements CanonOpt {
    @Override
    public Kind kind() {
      return Kind.REALLOC;
    }
  }

  /** {@code 0x05}: {@code (post-return f)}. */
  record PostReturnOpt(int coreFuncIndex) implements CanonOpt {
    @Override
    public Kind kind() {
      return Kind.POST_RETURN;
    }
  }
}
