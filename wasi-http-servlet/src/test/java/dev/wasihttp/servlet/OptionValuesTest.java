package dev.wasihttp.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The value syntax the init-params and {@code wasi-http serve} share. */
class OptionValuesTest {
  @Test
  void sizesTakeBinaryUnitsInAnyCase() {
    assertEquals(1048576, OptionValues.size("--max-body", "1048576"));
    assertEquals(512L << 10, OptionValues.size("--max-body", "512KiB"));
    assertEquals(256L << 20, OptionValues.size("--max-memory", "256MiB"));
    assertEquals(256L << 20, OptionValues.size("--max-memory", "256m"));
    assertEquals(1L << 30, OptionValues.size("--max-body", "1GiB"));
    assertEquals(2L << 30, OptionValues.size("--max-body", " 2 gb "));
    assertEquals(0, OptionValues.size("--max-body", "0"));
  }

  @Test
  void aBadSizeNamesTheSettingAndWhatWasExpected() {
    for (String bad : new String[] {"", "MiB", "-1", "1.5GiB", "12 parsecs", "99999999999999T"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> OptionValues.size("--max-body", bad));
      assertTrue(e.getMessage().startsWith("--max-body: expected a size"), e.getMessage());
    }
  }

  @Test
  void durationsAreCheckedAgainstTheirRange() {
    assertEquals(Duration.ofSeconds(2), OptionValues.duration("--timeout", "2s", true, null));
    assertEquals(Duration.ZERO, OptionValues.duration("--timeout", "0", true, null));
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () -> OptionValues.duration("--pool-idle-timeout", "0", false, null));
    assertEquals("--pool-idle-timeout: expected a positive duration, got \"0\"", zero.getMessage());
    IllegalArgumentException tooLong =
        assertThrows(
            IllegalArgumentException.class,
            () -> OptionValues.duration("--timeout", "PT9000H", true, Duration.ofDays(365)));
    assertTrue(tooLong.getMessage().startsWith("--timeout: expected a duration of at most"));
  }

  @Test
  void countsHaveAFloor() {
    assertEquals(32, OptionValues.count("--max-concurrent", "32", 1, "concurrent calls"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OptionValues.count("--max-concurrent", "0", 1, "concurrent calls"));
    assertEquals(
        "--max-concurrent: expected a number of concurrent calls, 1 or more, got \"0\"",
        e.getMessage());
  }
}
