package dev.wasihttp.wasi.io.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Chunks go in as they arrive and come out in order, in takes of any size. */
class ByteChunksTest {
  @Test
  void takesCrossChunkBoundariesInOrder() {
    ByteChunks q = new ByteChunks();
    q.add(new byte[] {1, 2, 3});
    q.add(new byte[0]);
    q.add(new byte[] {4, 5});
    assertEquals(5, q.size());
    assertArrayEquals(new byte[] {1, 2}, q.take(2));
    assertArrayEquals(new byte[] {3, 4}, q.take(2));
    assertArrayEquals(new byte[] {5}, q.take(10));
    assertArrayEquals(new byte[0], q.take(10));
    assertEquals(0, q.size());
  }

  @Test
  void clearDropsWhatIsQueued() {
    ByteChunks q = new ByteChunks();
    q.add(new byte[] {1, 2, 3});
    q.take(1);
    q.clear();
    q.add(new byte[] {7});
    assertArrayEquals(new byte[] {7}, q.take(5));
  }
}
