package dev.wasihttp.http.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostFieldsTest {
  static final FieldRules RULES =
      new FieldRules(
          WasiHttpConfig.DEFAULT_FORBIDDEN_HEADERS, WasiHttpConfig.DEFAULT_MAX_FIELD_SIZE);

  static byte[] b(String s) {
    return s.getBytes(ISO_8859_1);
  }

  static List<String> values(HostFields f, String name) {
    List<String> out = new ArrayList<>();
    for (byte[] v : f.get(name)) {
      out.add(new String(v, ISO_8859_1));
    }
    return out;
  }

  static List<String> entries(HostFields f) {
    List<String> out = new ArrayList<>();
    for (HostFields.Entry e : f.entries()) {
      out.add(e.name() + ": " + new String(e.value(), ISO_8859_1));
    }
    return out;
  }

  @Test
  void namesAreCaseInsensitiveOrderAndDuplicatesKept() {
    HostFields f = HostFields.empty(RULES);
    assertNull(f.append("Accept", b("a")));
    assertNull(f.append("x-one", b("1")));
    assertNull(f.append("ACCEPT", b("b")));
    assertNull(f.append("accept", b("")));
    assertEquals(List.of("a", "b", ""), values(f, "aCcEpT"));
    assertTrue(f.has("X-ONE"));
    assertEquals(List.of("Accept: a", "x-one: 1", "ACCEPT: b", "accept: "), entries(f));
  }

  @Test
  void setReplacesAtTheFirstPlaceAndEmptySetDeletes() {
    HostFields f = HostFields.empty(RULES);
    f.append("a", b("1"));
    f.append("b", b("2"));
    f.append("A", b("3"));
    assertNull(f.set("a", List.of(b("x"), b("y"))));
    assertEquals(List.of("a: x", "a: y", "b: 2"), entries(f));
    assertNull(f.set("A", List.of()));
    assertFalse(f.has("a"));
    assertNull(f.delete("b"));
    assertEquals(List.of(), f.entries());
    assertNull(f.delete("never-there"));
  }

  @Test
  void invalidNamesAndValues() {
    HostFields f = HostFields.empty(RULES);
    for (String name : List.of("", "a b", "a:b", "é", "a\n", "(x)")) {
      assertEquals(HeaderError.INVALID_SYNTAX, f.append(name, b("v")), name);
      assertEquals(HeaderError.INVALID_SYNTAX, f.set(name, List.of()), name);
      assertEquals(HeaderError.INVALID_SYNTAX, f.delete(name), name);
      assertEquals(List.of(), f.get(name), "lookups never fail");
      assertFalse(f.has(name));
    }
    for (String value : List.of("a\nb", "a\rb", "\0", "\u007f")) {
      assertEquals(HeaderError.INVALID_SYNTAX, f.append("x", b(value)), value);
    }
    assertNull(f.append("x", b("tab\tand obs-text \u00e9 ok")));
    assertEquals(HeaderError.INVALID_SYNTAX, f.append("Content-Length", b("12a")));
    assertEquals(HeaderError.INVALID_SYNTAX, f.append("content-length", b("")));
    assertEquals(HeaderError.INVALID_SYNTAX, f.append("content-length", b("-1")));
    assertNull(f.append("content-length", b("12")));
  }

  @Test
  void forbiddenNamesInAnyCase() {
    HostFields f = HostFields.empty(RULES);
    for (String name : WasiHttpConfig.DEFAULT_FORBIDDEN_HEADERS) {
      assertEquals(HeaderError.FORBIDDEN, f.append(name.toUpperCase(), b("v")), name);
      assertEquals(HeaderError.FORBIDDEN, f.set(name, List.of(b("v"))), name);
      assertEquals(HeaderError.FORBIDDEN, f.delete(name), name);
    }
    assertEquals(9, WasiHttpConfig.DEFAULT_FORBIDDEN_HEADERS.size());
    assertEquals(HeaderError.FORBIDDEN, HostFields.fromList(RULES, List.of(e("Host", "x"))));
    assertNull(new FieldRules(Set.of("x-custom"), 1024).isForbidden("host") ? "" : null);
  }

  @Test
  void errorOrderFollowsWasmtime() {
    HostFields frozen = HostFields.empty(RULES);
    frozen.freeze();
    // set: name -> forbidden -> immutable -> value
    assertEquals(HeaderError.INVALID_SYNTAX, frozen.set("a b", List.of(b("\n"))));
    assertEquals(HeaderError.FORBIDDEN, frozen.set("host", List.of(b("\n"))));
    assertEquals(HeaderError.IMMUTABLE, frozen.set("ok", List.of(b("\n"))));
    // append: name -> forbidden -> value -> immutable
    assertEquals(HeaderError.FORBIDDEN, frozen.append("upgrade", b("\n")));
    assertEquals(HeaderError.INVALID_SYNTAX, frozen.append("ok", b("\n")));
    assertEquals(HeaderError.IMMUTABLE, frozen.append("ok", b("v")));
    // delete: name -> forbidden -> immutable
    assertEquals(HeaderError.INVALID_SYNTAX, frozen.delete("a b"));
    assertEquals(HeaderError.FORBIDDEN, frozen.delete("connection"));
    assertEquals(HeaderError.IMMUTABLE, frozen.delete("ok"));
  }

  @Test
  void fromListChecksEachEntryAndClonesAreMutable() {
    assertEquals(
        HeaderError.INVALID_SYNTAX,
        HostFields.fromList(RULES, List.of(e("ok", "1"), e("bad name", "2"))));
    assertEquals(
        HeaderError.INVALID_SYNTAX, HostFields.fromList(RULES, List.of(e("ok", "a\r\nb"))));
    HostFields f =
        assertInstanceOf(
            HostFields.class, HostFields.fromList(RULES, List.of(e("a", "1"), e("A", "2"))));
    assertTrue(f.isMutable());
    f.freeze();
    HostFields copy = f.copy();
    assertTrue(copy.isMutable());
    assertNull(copy.append("b", b("3")));
    assertEquals(List.of("a: 1", "A: 2"), entries(f));
    assertEquals(List.of("a: 1", "A: 2", "b: 3"), entries(copy));
  }

  @Test
  void receivedFieldsAreImmutableWithForbiddenOnesStripped() {
    HostFields f =
        HostFields.received(
            RULES,
            List.of(
                HttpField.latin1("Host", "example.com"),
                HttpField.latin1("Accept", "*/*"),
                HttpField.latin1("Connection", "keep-alive"),
                HttpField.latin1("Transfer-Encoding", "chunked"),
                HttpField.latin1("X-A", "1"),
                HttpField.latin1("x-a", "2")));
    assertEquals(List.of("Accept: */*", "X-A: 1", "x-a: 2"), entries(f));
    assertFalse(f.isMutable());
    assertEquals(HeaderError.IMMUTABLE, f.append("x-b", b("v")));
  }

  @Test
  void growingPastTheSizeCapTraps() {
    FieldRules small = new FieldRules(Set.of(), 1000);
    HostFields f = HostFields.empty(small);
    String big = "v".repeat(400);
    assertNull(f.append("a", b(big)));
    assertNull(f.append("b", b(big)));
    Trap t = assertThrows(Trap.class, () -> f.append("c", b(big)));
    assertTrue(t.getMessage().contains("fields size limit"), t.getMessage());
    assertEquals(2, f.entries().size(), "a refused append changes nothing");
    assertThrows(Trap.class, () -> f.set("c", List.of(b(big), b(big))));
    assertNull(f.set("a", List.of(b("small"))), "replacing shrinks the count");
    assertThrows(
        Trap.class,
        () -> HostFields.fromList(small, List.of(e("a", big), e("b", big), e("c", big))));
    // Tiny entries count their overhead too.
    HostFields tiny = HostFields.empty(small);
    assertThrows(
        Trap.class,
        () -> {
          for (int i = 0; i < 100; i++) {
            tiny.append("t", b(""));
          }
        });
  }

  static HostFields.Entry e(String name, String value) {
    return new HostFields.Entry(name, b(value));
  }
}
