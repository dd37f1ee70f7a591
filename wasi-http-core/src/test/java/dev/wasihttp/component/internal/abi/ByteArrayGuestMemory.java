package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.errors.Trap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A {@link GuestMemory} over a byte array, with a bump-allocating {@code realloc} that records its
 * calls: what the canonical-ABI tests run against instead of an engine.
 *
 * <p>The allocator behaves like the one in the reference test {@code values/transcode.wast}: a call
 * that shrinks (or keeps) a live allocation returns it in place; any other call returns a fresh
 * block aligned to 8 and copies the old contents.
 */
final class ByteArrayGuestMemory implements GuestMemory {
  /** One recorded {@code realloc(old, oldSize, align, newSize)} call and its result. */
  record ReallocCall(long old, long oldSize, long align, long newSize, long result) {
    @Override
    public String toString() {
      return "realloc(" + old + ", " + oldSize + ", " + align + ", " + newSize + ") = " + result;
    }
  }

  private final byte[] bytes;
  private final List<ReallocCall> calls = new ArrayList<>();
  private long next;

  /** A zeroed memory of {@code size} bytes whose allocator starts at {@code heapStart}. */
  ByteArrayGuestMemory(int size, long heapStart) {
    this.bytes = new byte[size];
    this.next = heapStart;
  }

  /** One 64 KiB page, allocating from 1024. */
  static ByteArrayGuestMemory page() {
    return new ByteArrayGuestMemory(65536, 1024);
  }

  /** The bump allocator as a core function, the way an engine would expose the guest's. */
  CoreFunc realloc() {
    return args -> {
      long old = args[0];
      long oldSize = args[1];
      long align = args[2];
      long newSize = args[3];
      long result;
      if (old != 0 && newSize <= oldSize) {
        result = old;
      } else {
        next = (next + 7) & ~7L;
        result = next;
        next += newSize;
        if (old != 0) {
          System.arraycopy(bytes, (int) old, bytes, (int) result, (int) oldSize);
        }
      }
      calls.add(new ReallocCall(old, oldSize, align, newSize, result));
      return new long[] {result};
    };
  }

  /** The realloc calls so far, oldest first. */
  List<ReallocCall> calls() {
    return calls;
  }

  /** The calls as {@code [old, oldSize, align, newSize]} arrays, for compact assertions. */
  List<List<Long>> callArgs() {
    List<List<Long>> out = new ArrayList<>();
    for (ReallocCall c : calls) {
      out.add(List.of(c.old(), c.oldSize(), c.align(), c.newSize()));
    }
    return out;
  }

  /** The canonical options of a guest using this memory, its realloc and {@code encoding}. */
  CanonicalOptions options(StringEncoding encoding) {
    return new CanonicalOptions(this, realloc(), null, encoding);
  }

  /** A context over this memory with no handle table. */
  LiftLowerContext context(StringEncoding encoding) {
    return new LiftLowerContext(options(encoding), HandleContext.NONE);
  }

  /** The bytes at {@code [address, address + length)}. */
  byte[] bytes(long address, int length) {
    return Arrays.copyOfRange(bytes, (int) address, (int) address + length);
  }

  /** Writes {@code values} as bytes from {@code address} (each int taken as one byte). */
  void poke(long address, int... values) {
    for (int i = 0; i < values.length; i++) {
      bytes[(int) address + i] = (byte) values[i];
    }
  }

  /** Fills the whole memory with {@code random}'s bytes. */
  void fill(Random random) {
    random.nextBytes(bytes);
  }

  private int at(long address, int length) {
    if (address < 0 || length < 0 || address + length > bytes.length) {
      throw new Trap("out of bounds memory access: " + length + " bytes at " + address);
    }
    return (int) address;
  }

  @Override
  public long byteSize() {
    return bytes.length;
  }

  @Override
  public byte readByte(long address) {
    return bytes[at(address, 1)];
  }

  @Override
  public short readShort(long address) {
    int a = at(address, 2);
    return (short) ((bytes[a] & 0xff) | bytes[a + 1] << 8);
  }

  @Override
  public int readInt(long address) {
    int a = at(address, 4);
    return (bytes[a] & 0xff)
        | (bytes[a + 1] & 0xff) << 8
        | (bytes[a + 2] & 0xff) << 16
        | bytes[a + 3] << 24;
  }

  @Override
  public long readLong(long address) {
    return (readInt(address) & 0xffff_ffffL) | (long) readInt(address + 4) << 32;
  }

  @Override
  public void writeByte(long address, byte value) {
    bytes[at(address, 1)] = value;
  }

  @Override
  public void writeShort(long address, short value) {
    int a = at(address, 2);
    bytes[a] = (byte) value;
    bytes[a + 1] = (byte) (value >> 8);
  }

  @Override
  public void writeInt(long address, int value) {
    int a = at(address, 4);
    for (int i = 0; i < 4; i++) {
      bytes[a + i] = (byte) (value >> (8 * i));
    }
  }

  @Override
  public void writeLong(long address, long value) {
    writeInt(address, (int) value);
    writeInt(address + 4, (int) (value >>> 32));
  }

  @Override
  public byte[] read(long address, int length) {
    int a = at(address, length);
    return Arrays.copyOfRange(bytes, a, a + length);
  }

  @Override
  public void write(long address, byte[] src, int offset, int length) {
    System.arraycopy(src, offset, bytes, at(address, length), length);
  }
}
