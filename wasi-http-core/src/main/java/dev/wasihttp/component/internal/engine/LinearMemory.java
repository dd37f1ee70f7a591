package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import dev.wasihttp.component.errors.ComponentException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A core linear memory (Core spec, "Memory Instances") in one byte array that remembers which 4 KiB
 * blocks were written since its last {@link #capture}, so that {@link #restore} puts back only
 * those: a pooled instance is reset to its image by copying what a request changed, not the whole
 * memory.
 *
 * <p>Both of Chicory's machines reach memory only through the {@link Memory} interface, so tracking
 * here sees every store, {@code memory.fill}, {@code memory.copy}, {@code memory.init} and every
 * write of the host. Not thread-safe and never shared: components have no shared memories.
 *
 * <p>Its {@link MemoryLimiter} is asked before the memory is created and before it grows, and told
 * when a reset shrinks it, with both the size the guest sees and the bytes the array holds (room a
 * reset keeps is held, not seen): a refused growth is a {@code memory.grow} of -1.
 */
final class LinearMemory implements Memory {
  private static final VarHandle SHORT = view(short[].class);
  private static final VarHandle INT = view(int[].class);
  private static final VarHandle LONG = view(long[].class);

  /** Written-block granularity: small enough that a request's stack and heap writes copy little. */
  private static final int BLOCK_SHIFT = 12;

  static final int BLOCK = 1 << BLOCK_SHIFT;

  private static final byte[] ZEROES = new byte[BLOCK];
  private static final int BLOCKS_PER_PAGE = PAGE_SIZE / BLOCK;

  /**
   * Growth a reset keeps allocated for the next use (a guest whose {@code malloc} grows memory on
   * every request would otherwise copy it twice per request); beyond it, a reset gives it back.
   */
  private static final int KEPT_GROWTH = 16 << 20;

  private final MemoryLimits limits;
  private final int maxPages;
  private final MemoryLimiter limiter;

  /** The memory's bytes, then zeroes up to the array's end: room kept from earlier growth. */
  private byte[] bytes;

  private int size;
  private int pages;

  /** One entry per block of {@link #bytes}: non-zero when written since the last capture. */
  private byte[] written;

  private DataSegment[] segments = new DataSegment[0];

  /**
   * A memory of {@code limits.initialPages()} zero pages, counted by {@code limiter}.
   *
   * @throws UninstantiableException when that is more than {@code RUNTIME_MAX_PAGES} (32767, just
   *     under 2 GiB: a Java array's limit); its size would overflow an int
   * @throws ComponentException when {@code limiter} refuses it (see {@link MemoryLimiter#create})
   */
  LinearMemory(MemoryLimits limits, MemoryLimiter limiter) throws ComponentException {
    if (limits.initialPages() > RUNTIME_MAX_PAGES) {
      throw new UninstantiableException(
          "memory of "
              + limits.initialPages()
              + " pages is larger than the "
              + RUNTIME_MAX_PAGES
              + " this runtime can hold");
    }
    this.limits = limits;
    this.maxPages = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
    this.limiter = limiter;
    this.pages = limits.initialPages();
    this.size = pages * PAGE_SIZE;
    limiter.create(size);
    this.bytes = new byte[size];
    this.written = new byte[pages * BLOCKS_PER_PAGE];
  }

  private static VarHandle view(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * The memory's contents, size and data segments at one moment. Blocks equal to the image it was
   * filled from are shared with that image; null blocks are all zeroes.
   */
  static final class Image {
    private final int pages;
    private final byte[][] blocks;
    private final DataSegment[] segments;

    private Image(int pages, byte[][] blocks, DataSegment[] segments) {
      this.pages = pages;
      this.blocks = blocks;
      this.segments = segments;
    }
  }

  /** Fills the memory from {@code blocks} (null ones are zero) without marking anything written. */
  void fill(byte[][] blocks) {
    for (int b = 0; b < blocks.length && b < size >>> BLOCK_SHIFT; b++) {
      if (blocks[b] != null) {
        System.arraycopy(blocks[b], 0, bytes, b << BLOCK_SHIFT, BLOCK);
      }
    }
  }

  /**
   * The memory as it is now, where {@code base} (or null: all zeroes) holds every block not written
   * since it was filled from {@code base}; clears the written marks.
   */
  Image capture(byte[][] base) {
    byte[][] blocks = new byte[size >>> BLOCK_SHIFT][];
    if (base != null) {
      System.arraycopy(base, 0, blocks, 0, Math.min(base.length, blocks.length));
    }
    for (int b = 0; b < blocks.length; b++) {
      if (written[b] != 0) {
        blocks[b] = block(bytes, b);
        written[b] = 0;
      }
    }
    return new Image(pages, blocks, segments.clone());
  }

  /**
   * Puts the memory back to {@code image}: its size (a memory grown since shrinks back), the blocks
   * written since, and its data segments (a {@code data.drop} is undone).
   */
  void restore(Image image) {
    int imageSize = image.pages * PAGE_SIZE;
    long given = 0;
    if (bytes.length - imageSize > KEPT_GROWTH) {
      given = bytes.length - imageSize;
      bytes = Arrays.copyOf(bytes, imageSize);
      written = Arrays.copyOf(written, imageSize >>> BLOCK_SHIFT);
    }
    limiter.shrink(Math.max(0, size - imageSize), given);
    pages = image.pages;
    size = imageSize;
    byte[] marks = written;
    for (int b = 0; b < marks.length; b++) {
      if (marks[b] != 0) {
        byte[] block = b < image.blocks.length ? image.blocks[b] : null;
        if (block == null) {
          Arrays.fill(bytes, b << BLOCK_SHIFT, (b + 1) << BLOCK_SHIFT, (byte) 0);
        } else {
          System.arraycopy(block, 0, bytes, b << BLOCK_SHIFT, BLOCK);
        }
        marks[b] = 0;
      }
    }
    if (segments.length == image.segments.length) {
      System.arraycopy(image.segments, 0, segments, 0, segments.length);
    } else {
      segments = image.segments.clone();
    }
  }

  /** {@code image} cut into blocks, null where a block is all zeroes. */
  static byte[][] blocksOf(byte[] image) {
    byte[][] blocks = new byte[image.length / BLOCK][];
    for (int b = 0; b < blocks.length; b++) {
      blocks[b] = block(image, b);
    }
    return blocks;
  }

  /** A copy of block {@code b} of {@code bytes}, or null when it is all zeroes. */
  private static byte[] block(byte[] bytes, int b) {
    int from = b << BLOCK_SHIFT;
    return Arrays.mismatch(bytes, from, from + BLOCK, ZEROES, 0, BLOCK) < 0
        ? null
        : Arrays.copyOfRange(bytes, from, from + BLOCK);
  }

  private void mark(int address, int length) {
    written[address >>> BLOCK_SHIFT] = 1;
    written[(address + length - 1) >>> BLOCK_SHIFT] = 1;
  }

  private void markRange(int address, int length) {
    if (length > 0) {
      Arrays.fill(
          written, address >>> BLOCK_SHIFT, ((address + length - 1) >>> BLOCK_SHIFT) + 1, (byte) 1);
    }
  }

  /** Throws the engine's trap unless {@code [address, address + length)} lies in the memory. */
  private void check(int address, int length) {
    if (address < 0 || length < 0 || address > size - length) {
      throw outOfBounds(address, length);
    }
  }

  private WasmRuntimeException outOfBounds(int address, int length) {
    return new WasmRuntimeException(
        "out of bounds memory access: attempted to access address: "
            + Integer.toUnsignedString(address)
            + " but limit is: "
            + size
            + " and size: "
            + length);
  }

  @Override
  public int pages() {
    return pages;
  }

  /** Bytes the memory holds: its size and the room kept from earlier growth. */
  long held() {
    return bytes.length;
  }

  @Override
  public int grow(int delta) {
    long grown = (long) pages + Integer.toUnsignedLong(delta);
    if (grown > maxPages) {
      return -1;
    }
    int old = pages;
    int grownSize = (int) grown * PAGE_SIZE;
    long sizeDelta = (long) grownSize - size;
    long heldDelta = Math.max(0, (long) grownSize - bytes.length);
    int capacity = grownSize;
    if (heldDelta > 0) {
      // Room for more: a guest growing a page at a time (a malloc) would otherwise copy the whole
      // memory at every page, quadratic in its size. Half again what it holds, at most the growth
      // a reset keeps and within what it may still grow to, when the limiter grants that much from
      // what is free (the budget counts it); else exactly what it asked for.
      long roomy =
          Math.min(
              Math.min((long) maxPages * PAGE_SIZE, size + limiter.growthLeft()),
              Math.min(bytes.length + (long) bytes.length / 2, (long) grownSize + KEPT_GROWTH));
      roomy -= roomy % PAGE_SIZE;
      if (roomy > grownSize && limiter.growWithRoom(sizeDelta, roomy - bytes.length)) {
        capacity = (int) roomy;
        heldDelta = roomy - bytes.length;
      } else if (!limiter.grow(sizeDelta, heldDelta)) {
        return -1;
      }
    } else if (!limiter.grow(sizeDelta, 0)) {
      return -1;
    }
    if (heldDelta > 0) {
      try {
        byte[] grownBytes = Arrays.copyOf(bytes, capacity);
        written = Arrays.copyOf(written, capacity >>> BLOCK_SHIFT);
        bytes = grownBytes;
      } catch (OutOfMemoryError e) {
        // One large allocation the heap cannot take fails this growth, as the spec lets it,
        // rather than the thread.
        limiter.shrink(sizeDelta, heldDelta);
        return -1;
      }
    }
    pages = (int) grown;
    size = grownSize;
    return old;
  }

  @Override
  public int initialPages() {
    return limits.initialPages();
  }

  @Override
  public int maximumPages() {
    return maxPages;
  }

  @Override
  public boolean shared() {
    return false;
  }

  // The four below are abstract in Chicory 1.7.5's interface, though marked for removal.
  @SuppressWarnings("removal")
  @Override
  public Object lock(int address) {
    return this;
  }

  @SuppressWarnings("removal")
  @Override
  public int waitOn(int address, int expected, long timeout) {
    throw new WasmRuntimeException("expected shared memory");
  }

  @SuppressWarnings("removal")
  @Override
  public int waitOn(int address, long expected, long timeout) {
    throw new WasmRuntimeException("expected shared memory");
  }

  @SuppressWarnings("removal")
  @Override
  public int notify(int address, int count) {
    return 0; // no thread can wait on an unshared memory
  }

  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments) {
    initialize(instance, dataSegments, 0);
  }

  /**
   * Keeps the instance's data segments for {@code memory.init} and writes the active ones for this
   * memory (Core spec, "Instantiation", step 13). Like Chicory's own memories, an active segment's
   * bytes stay available after instantiation.
   */
  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
    this.segments = dataSegments == null ? new DataSegment[0] : dataSegments.clone();
    for (DataSegment s : this.segments) {
      if (s instanceof ActiveDataSegment a) {
        if (a.index() != memoryIndex) {
          continue;
        }
        int offset =
            (int) ConstantEvaluators.computeConstantValue(instance, a.offsetInstructions())[0];
        byte[] data = a.data();
        if (offset < 0 || offset > size - data.length) {
          throw new UninstantiableException("out of bounds memory access");
        }
        write(offset, data, 0, data.length);
      } else if (!(s instanceof PassiveDataSegment)) {
        throw new ChicoryException("Data segment should be active or passive: " + s);
      }
    }
  }

  @Override
  public void initPassiveSegment(int segment, int address, int offset, int size) {
    if (segment < 0 || segment >= segments.length) {
      throw new WasmRuntimeException("unknown data segment " + segment);
    }
    byte[] data = segments[segment].data();
    if (offset < 0 || size < 0 || offset > data.length - size) {
      throw outOfBounds(address, size);
    }
    write(address, data, offset, size);
  }

  @Override
  public void write(int address, byte[] data, int offset, int size) {
    check(address, size);
    System.arraycopy(data, offset, bytes, address, size);
    markRange(address, size);
  }

  @Override
  public byte read(int address) {
    check(address, 1);
    return bytes[address];
  }

  @Override
  public byte[] readBytes(int address, int length) {
    check(address, length);
    return Arrays.copyOfRange(bytes, address, address + length);
  }

  /** Copies {@code length} bytes at {@code address} into {@code into} without a new array. */
  void read(int address, byte[] into, int offset, int length) {
    check(address, length);
    System.arraycopy(bytes, address, into, offset, length);
  }

  @Override
  public void writeI32(int address, int value) {
    check(address, 4);
    INT.set(bytes, address, value);
    mark(address, 4);
  }

  @Override
  public int readInt(int address) {
    check(address, 4);
    return (int) INT.get(bytes, address);
  }

  @Override
  public void writeLong(int address, long value) {
    check(address, 8);
    LONG.set(bytes, address, value);
    mark(address, 8);
  }

  @Override
  public long readLong(int address) {
    check(address, 8);
    return (long) LONG.get(bytes, address);
  }

  @Override
  public void writeShort(int address, short value) {
    check(address, 2);
    SHORT.set(bytes, address, value);
    mark(address, 2);
  }

  @Override
  public short readShort(int address) {
    check(address, 2);
    return (short) SHORT.get(bytes, address);
  }

  @Override
  public long readU16(int address) {
    return readShort(address) & 0xFFFFL;
  }

  @Override
  public void writeByte(int address, byte value) {
    check(address, 1);
    bytes[address] = value;
    written[address >>> BLOCK_SHIFT] = 1;
  }

  @Override
  public void writeF32(int address, float value) {
    writeI32(address, Float.floatToRawIntBits(value));
  }

  @Override
  public long readF32(int address) {
    return readInt(address);
  }

  @Override
  public float readFloat(int address) {
    return Float.intBitsToFloat(readInt(address));
  }

  @Override
  public void writeF64(int address, double value) {
    writeLong(address, Double.doubleToRawLongBits(value));
  }

  @Override
  public double readDouble(int address) {
    return Double.longBitsToDouble(readLong(address));
  }

  @Override
  public long readF64(int address) {
    return readLong(address);
  }

  @Override
  public void zero() {
    Arrays.fill(bytes, 0, size, (byte) 0);
    Arrays.fill(written, 0, size >>> BLOCK_SHIFT, (byte) 1);
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    int length = toIndex - fromIndex;
    check(fromIndex, length);
    Arrays.fill(bytes, fromIndex, toIndex, value);
    markRange(fromIndex, length);
  }

  @Override
  public void copy(int dest, int src, int size) {
    check(src, size);
    check(dest, size);
    System.arraycopy(bytes, src, bytes, dest, size);
    markRange(dest, size);
  }

  @Override
  public void drop(int segment) {
    if (segment >= 0 && segment < segments.length) {
      segments[segment] = PassiveDataSegment.EMPTY;
    }
  }
}
