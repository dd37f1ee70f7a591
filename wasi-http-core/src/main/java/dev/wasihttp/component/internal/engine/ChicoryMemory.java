package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.runtime.Memory;
import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.internal.abi.GuestMemory;

/** {@link GuestMemory} over an engine memory; every access is bounds-checked first. */
final class ChicoryMemory implements GuestMemory {
  private final Memory memory;

  ChicoryMemory(Memory memory) {
    this.memory = memory;
  }

  @Override
  public long byteSize() {
    return (long) memory.pages() * Memory.PAGE_SIZE;
  }

  private int check(long address, long length) {
    if (address < 0 || length < 0 || address + length > byteSize()) {
      throw new Trap(
          "out of bounds memory access: " + length + " bytes at " + Long.toUnsignedString(address));
    }
    return (int) address;
  }

  @Override
  public byte readByte(long address) {
    return memory.read(check(address, 1));
  }

  @Override
  public short readShort(long address) {
    return memory.readShort(check(address, 2));
  }

  @Override
  public int readInt(long address) {
    return memory.readInt(check(address, 4));
  }

  @Override
  public long readLong(long address) {
    return memory.readLong(check(address, 8));
  }

  @Override
  public void writeByte(long address, byte value) {
    memory.writeByte(check(address, 1), value);
  }

  @Override
  public void writeShort(long address, short value) {
    memory.writeShort(check(address, 2), value);
  }

  @Override
  public void writeInt(long address, int value) {
    memory.writeI32(check(address, 4), value);
  }

  @Override
  public void writeLong(long address, long value) {
    memory.writeLong(check(address, 8), value);
  }

  @Override
  public byte[] read(long address, int length) {
    return memory.readBytes(check(address, length), length);
  }

  @Override
  public void write(long address, byte[] bytes, int offset, int length) {
    int at = check(address, length);
    if (offset == 0 && length == bytes.length) {
      memory.write(at, bytes);
    } else {
      memory.write(at, bytes, offset, length);
    }
  }
}
