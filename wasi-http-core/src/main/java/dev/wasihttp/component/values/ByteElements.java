package dev.wasihttp.component.values;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The elements of a {@code list<u8>} held as the bytes themselves: a body chunk crosses between
 * guest memory and a host stream as one array, not as one {@link Val.U8} per byte. Immutable: the
 * array is never handed out, only copies of it.
 */
final class ByteElements extends AbstractList<Val> implements RandomAccess {
  private static final Val.U8[] U8 = new Val.U8[256];

  static {
    for (int i = 0; i < U8.length; i++) {
      U8[i] = new Val.U8(i);
    }
  }

  private final byte[] bytes;

  /** Takes {@code bytes} over: the caller must not change them afterwards. */
  ByteElements(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public Val get(int index) {
    return U8[bytes[index] & 0xff];
  }

  @Override
  public int size() {
    return bytes.length;
  }

  byte[] copy() {
    return bytes.clone();
  }
}
