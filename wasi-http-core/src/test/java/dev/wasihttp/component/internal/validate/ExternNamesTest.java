package dev.wasihttp.component.internal.validate;

import static dev.wasihttp.component.internal.validate.Asts.component;
import static dev.wasihttp.component.internal.validate.Asts.funcType;
import static dev.wasihttp.component.internal.validate.Asts.importDef;
import static dev.wasihttp.component.internal.validate.Asts.invalid;
import static dev.wasihttp.component.internal.validate.Asts.type;
import static dev.wasihttp.component.internal.validate.Asts.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.ExternDesc;
import dev.wasihttp.component.internal.binary.ExternName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The syntax of import and export names (Explainer.md, "Import and Export Definitions"). */
class ExternNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"a", "a-b-c", "a1-2-3", "A", "A-B-C", "a11-w0rds", "m1x3d-4CR0NYMS", "get-JSON"})
  void labelsAreKebabCase(String label) {
    assertTrue(ExternNames.isLabel(label));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "1-a", "a-", "a--b", "aBc", "a_b", "-a", "a.b"})
  void notKebabCase(String label) {
    assertFalse(ExternNames.isLabel(label));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "wasi:http/types",
        "wasi:http/types@0.2.0",
        "a-b:c-d/e-f@123456.7890.488",
        "a:b/c@0.0.0-abcd.1.2+efg.4.ee.5",
        "[constructor]fields",
        "[method]fields.get",
        "[static]fields.from-list"
      })
  void validNames(String name) throws ComponentException {
    ExternNames.parse(ExternName.of(name), 0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Foo",
        "",
        "wasi:http/TyPeS",
        "WaSi:http/types",
        "wasi/http",
        "wasi:",
        ":/",
        "a:b/c@",
        "a:b/c@1.",
        "a:b/c@2.0x0",
        "a:b/c@2.0.0+",
        "a:b/c@01.0.0",
        "foo:bar:baz/qux",
        "foo:bar/baz/qux",
        "[constructor]",
        "[method]a",
        "[method]a.b.c",
        "[static].a"
      })
  void invalidNames(String name) {
    ComponentException e =
        assertThrows(ComponentException.class, () -> ExternNames.parse(ExternName.of(name), 7));
    assertEquals(ComponentException.Kind.INVALID, e.kind());
    assertEquals(7, e.offset());
  }

  @Test
  void strongUniquenessIgnoresCaseAndTheMethodAnnotation() throws ComponentException {
    assertEquals(key("foo-BAR"), key("FOO-bar"));
    assertEquals(key("[method]foo.bar"), key("[static]foo.bar"));
    assertEquals(key("foo"), key("[method]foo.foo"));
    assertFalse(key("foo").equals(key("[constructor]foo")));
    assertFalse(key("wasi:http/types").equals(key("wasi:http/types@1.0.0")));
  }

  @Test
  void importNamesMustBeStronglyUnique() throws ComponentException {
    ExternDesc f = Asts.func(0);
    valid(component(type(funcType(null)), importDef("a", f), importDef("a-b", f)));
    invalid(
        component(type(funcType(null)), importDef("a", f), importDef("A", f)),
        2,
        "conflicts with previous name `a`");
  }

  @Test
  void implementsNeedsAnInterfaceNameOnAPlainInstanceName() throws ComponentException {
    ExternNames.parse(new ExternName("primary", null, "wasi:keyvalue/store", null), 0);
    assertThrows(
        ComponentException.class,
        () -> ExternNames.parse(new ExternName("a", null, "not-valid", null), 0));
    assertThrows(
        ComponentException.class,
        () -> ExternNames.parse(new ExternName("a1:b/c", null, "a2:b/c", null), 0));
  }

  private static String key(String name) throws ComponentException {
    return ExternNames.parse(ExternName.of(name), 0).key();
  }
}
