package dev.wasihttp.component.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.Canon;
import dev.wasihttp.component.internal.binary.ComponentAst;
import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.Definition;
import dev.wasihttp.component.internal.binary.ExternDesc;
import dev.wasihttp.component.internal.binary.ExternName;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.internal.binary.SortIndex;
import dev.wasihttp.component.internal.binary.TypeBound;
import dev.wasihttp.component.internal.binary.TypeRef;
import dev.wasihttp.component.internal.link.HostDefinitions;
import dev.wasihttp.component.internal.link.Instantiator;
import dev.wasihttp.component.internal.link.ParsedCoreModules;
import dev.wasihttp.component.internal.link.Store;
import dev.wasihttp.component.types.PrimitiveType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test helpers: components written as decoded definitions (Binary.md's words), so validation rules
 * read as the small components they accept or refuse. Definition {@code i} sits at byte offset
 * {@code 100 + i}, so an error names the definition at fault.
 */
public final class Asts {
  private Asts() {}

  public static ComponentAst component(Definition... defs) {
    List<Definition> out = new ArrayList<>();
    for (int i = 0; i < defs.length; i++) {
      out.add(at(defs[i], 100 + i));
    }
    return new ComponentAst(out, null, 0);
  }

  /** The same definition at another offset. */
  private static Definition at(Definition d, long offset) {
    if (d instanceof Definition.TypeDef def6) {
      return new Definition.TypeDef(def6.type(), offset);
    } else if (d instanceof Definition.ImportDef i) {
      return new Definition.ImportDef(i.name(), i.desc(), offset);
    } else if (d instanceof Definition.ExportDef e) {
      return new Definition.ExportDef(e.name(), e.item(), e.ascribed(), offset);
    } else if (d instanceof Definition.CanonDef def5) {
      return new Definition.CanonDef(def5.canon(), offset);
    } else if (d instanceof Definition.NestedComponentDef def4) {
      return new Definition.NestedComponentDef(def4.component(), offset);
    } else if (d instanceof Definition.InstanceDef def3) {
      return new Definition.InstanceDef(def3.expr(), offset);
    } else if (d instanceof Definition.CoreModuleDef def2) {
      return new Definition.CoreModuleDef(def2.bytes(), offset);
    } else if (d instanceof Definition.CoreInstanceDef def1) {
      return new Definition.CoreInstanceDef(def1.expr(), offset);
    } else if (d instanceof Definition.CoreTypeDef def) {
      return new Definition.CoreTypeDef(def.type(), offset);
    } else if (d instanceof Definition.AliasDef a) {
      return new Definition.AliasDef(a.sort(), a.target(), offset);
    }
    return d;
  }

  public static Definition type(DefType t) {
    return new Definition.TypeDef(t, 0);
  }

  public static Definition importDef(String name, ExternDesc desc) {
    return new Definition.ImportDef(ExternName.of(name), desc, 0);
  }

  public static Definition exportDef(String name, Sort sort, int index) {
    return new Definition.ExportDef(ExternName.of(name), new SortIndex(sort, index), null, 0);
  }

  public static Definition canon(Canon c) {
    return new Definition.CanonDef(c, 0);
  }

  public static ExternDesc func(int typeIndex) {
    return new ExternDesc.FuncDesc(typeIndex);
  }

  public static ExternDesc subResource() {
    return new ExternDesc.TypeDesc(new TypeBound.SubResource());
  }

  public static ExternDesc eq(int typeIndex) {
    return new ExternDesc.TypeDesc(new TypeBound.Eq(typeIndex));
  }

  public static TypeRef u32() {
    return new TypeRef.Primitive(PrimitiveType.U32);
  }

  public static TypeRef string() {
    return new TypeRef.Primitive(PrimitiveType.STRING);
  }

  public static TypeRef ref(int index) {
    return new TypeRef.Index(index);
  }

  /** {@code (func (param "n" t)* (result r)?)}; params given as name, type pairs. */
  public static DefType funcType(TypeRef result, Object... params) {
    List<DefType.NamedRef> ps = new ArrayList<>();
    for (int i = 0; i < params.length; i += 2) {
      ps.add(new DefType.NamedRef((String) params[i], (TypeRef) params[i + 1]));
    }
    return new DefType.FuncTypeDef(ps, result);
  }

  public static DefType record(String... fields) {
    List<DefType.NamedRef> fs = new ArrayList<>();
    for (String f : fields) {
      fs.add(new DefType.NamedRef(f, u32()));
    }
    return new DefType.RecordDef(fs);
  }

  public static void valid(ComponentAst ast) throws ComponentException {
    Validator.validate(ast);
  }

  /** Asserts validation refuses {@code ast} as INVALID at definition {@code index}. */
  public static void invalid(ComponentAst ast, int index, String words) {
    ComponentException e = assertThrows(ComponentException.class, () -> Validator.validate(ast));
    assertEquals(ComponentException.Kind.INVALID, e.kind(), e.getMessage());
    assertEquals(100 + index, e.offset(), e.getMessage());
    assertTrue(e.getMessage().contains(words), e.getMessage());
  }

  /** Links {@code ast} at load as {@code Component.decode} does (no guest code runs). */
  public static void link(ComponentAst ast) throws ComponentException {
    Validator.validate(ast);
    new Instantiator<>(Store.dryRun(), ParsedCoreModules.parseAll(ast), true)
        .instantiateRoot(ast, new HostDefinitions<>(Map.of(), Map.of(), true));
  }
}
