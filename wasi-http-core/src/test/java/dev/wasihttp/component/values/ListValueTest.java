package dev.wasihttp.component.values;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@code list<u8>} held as bytes is the same value as one made element by element. */
class ListValueTest {
  static final Val.ListValue ELEMENTS =
      new Val.ListValue(List.of(new Val.U8(0), new Val.U8(127), new Val.U8(255)));

  @Test
  void aListOfBytesEqualsTheSameListOfElements() {
    Val.ListValue bytes = Val.ListValue.ofBytes(new byte[] {0, 127, (byte) 255});
    assertEquals(ELEMENTS, bytes);
    assertEquals(bytes, ELEMENTS);
    assertEquals(ELEMENTS.hashCode(), bytes.hashCode());
    assertEquals(new Val.U8(255), bytes.elements().get(2));
    assertEquals(ELEMENTS.toString(), bytes.toString());
  }

  @Test
  void toBytesGivesACopyOfEitherForm() {
    byte[] given = {1, 2, 3};
    Val.ListValue bytes = Val.ListValue.ofBytes(given);
    given[0] = 9; // the list took a copy
    byte[] out = bytes.toBytes();
    assertArrayEquals(new byte[] {1, 2, 3}, out);
    out[1] = 9; // and hands out copies
    assertArrayEquals(new byte[] {1, 2, 3}, bytes.toBytes());
    assertArrayEquals(new byte[] {0, 127, (byte) 255}, ELEMENTS.toBytes());
  }

  @Test
  void aListWithOtherElementsHasNoBytes() {
    assertNull(new Val.ListValue(List.of(new Val.U8(1), new Val.U16(2))).toBytes());
  }
}
