package dev.wasihttp.component.internal.abi;

/**
 * A core linear memory as the canonical ABI sees it: bytes addressed by u32 pointers, little
 * endian. Addresses are passed as {@code long} so that a u32 pointer above 2 GiB is never read as
 * negative. Every access past {@link #byteSize()} throws a {@link
 * dev.wasihttp.component.errors.Trap}; the canonical ABI checks ranges itself first so its traps
 * carry the spec's words.
 *
 * <p>Implementations wrap the engine's memory and are used by one thread at a time.
 */
public interface GuestMemory {
  /** The current size in bytes. */
  long byteSize();

  byte readByte(long address);

  short readShort(long address);

  int readInt(long address);

  long readLong(long address);

  void writeByte(long address, byte value);

  void writeShort(long address, short value);

  void writeInt(long address, int value);

  void writeLong(long address, long value);

  /** Copies {@code length} bytes starting at {@code address}. */
  byte[] read(long address, int length);

  /** Copies {@code length} bytes of {@code bytes} from {@code offset} to {@code address}. */
  void write(long address, byte[] bytes, int offset, int length);
}
