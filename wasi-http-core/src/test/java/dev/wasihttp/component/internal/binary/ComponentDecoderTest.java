package dev.wasihttp.component.internal.binary;

import static dev.wasihttp.component.internal.binary.Binaries.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.abi.StringEncoding;
import dev.wasihttp.component.internal.binary.Definition.AliasDef;
import dev.wasihttp.component.internal.binary.Definition.CanonDef;
import dev.wasihttp.component.internal.binary.Definition.CoreInstanceDef;
import dev.wasihttp.component.internal.binary.Definition.CoreModuleDef;
import dev.wasihttp.component.internal.binary.Definition.CoreTypeDef;
import dev.wasihttp.component.internal.binary.Definition.ExportDef;
import dev.wasihttp.component.internal.binary.Definition.ImportDef;
import dev.wasihttp.component.internal.binary.Definition.InstanceDef;
import dev.wasihttp.component.internal.binary.Definition.NestedComponentDef;
import dev.wasihttp.component.internal.binary.Definition.TypeDef;
import dev.wasihttp.component.types.PrimitiveType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decodes the hand-written fixtures and checks the AST against their {@code .wat} sources. */
class ComponentDecoderTest {

  static <T extends Definition> T def(ComponentAst ast, int i, Class<T> type) {
    return assertInstanceOf(type, ast.definitions().get(i), "definition " + i);
  }

  static DefType type(ComponentAst ast, int i) {
    return def(ast, i, TypeDef.class).type();
  }

  static TypeRef prim(PrimitiveType p) {
    return new TypeRef.Primitive(p);
  }

  static TypeRef idx(int i) {
    return new TypeRef.Index(i);
  }

  @Test
  void typesOfEveryKind() throws ComponentException {
    ComponentAst ast = ComponentDecoder.decode(fixture("decode-types"));
    assertEquals(69, ast.definitions().size());
    PrimitiveType[] prims = PrimitiveType.values();
    for (int i = 0; i < prims.length; i++) {
      assertEquals(new DefType.PrimitiveDef(prims[i]), type(ast, i));
    }
    assertEquals(
        new DefType.RecordDef(
            List.of(
                new DefType.NamedRef("x", prim(PrimitiveType.S32)),
                new DefType.NamedRef("y", prim(PrimitiveType.S32)))),
        type(ast, 13));
    assertEquals(
        new DefType.VariantDef(
            List.of(
                new DefType.CaseDef("circle", prim(PrimitiveType.F64)),
                new DefType.CaseDef("none", null))),
        type(ast, 14));
    assertEquals(new DefType.ListDef(prim(PrimitiveType.U8)), type(ast, 15));
    assertEquals(new DefType.TupleDef(List.of(prim(PrimitiveType.STRING), idx(13))), type(ast, 16));
    assertEquals(new DefType.FlagsDef(List.of("read", "write", "exec")), type(ast, 17));
    assertEquals(new DefType.EnumDef(List.of("red", "green", "blue")), type(ast, 18));
    assertEquals(new DefType.OptionDef(idx(12)), type(ast, 19));
    assertEquals(new DefType.ResultDef(null, null), type(ast, 20));
    assertEquals(new DefType.ResultDef(prim(PrimitiveType.U32), null), type(ast, 21));
    assertEquals(new DefType.ResultDef(null, prim(PrimitiveType.STRING)), type(ast, 22));
    assertEquals(new DefType.ResultDef(idx(13), idx(18)), type(ast, 23));
    assertEquals(new DefType.ResourceDef(CoreValType.I32, null), type(ast, 24));
    assertEquals(new DefType.OwnDef(24), type(ast, 25));
    assertEquals(new DefType.BorrowDef(24), type(ast, 26));
    assertEquals(new DefType.FuncTypeDef(List.of(), null), type(ast, 27));
    assertEquals(
        new DefType.FuncTypeDef(
            List.of(
                new DefType.NamedRef("a", prim(PrimitiveType.U32)),
                new DefType.NamedRef("b", idx(13))),
            idx(12)),
        type(ast, 28));
    // Type indices 64 and 66 are two-byte s33s (0xc0 0x00, 0xc2 0x00).
    assertEquals(new DefType.ListDef(idx(64)), type(ast, 67));
    assertEquals(new DefType.ListDef(idx(66)), type(ast, 68));
    assertEquals("types", ast.names().componentName());
    assertEquals("point", ast.names().name(Sort.TYPE, 13));
    assertEquals("list66", ast.names().name(Sort.TYPE, 68));
  }

  @Test
  void instanceAndComponentTypes() throws ComponentException {
    ComponentAst ast = ComponentDecoder.decode(fixture("decode-types"));
    var iface = assertInstanceOf(DefType.InstanceTypeDef.class, type(ast, 29));
    List<Decl> d = iface.decls();
    assertEquals(15, d.size());
    assertEquals(
        new Decl.ExportDecl(
            ExternName.of("fields"), new ExternDesc.TypeDesc(new TypeBound.SubResource())),
        d.get(0));
    assertEquals(new Decl.TypeDecl(new DefType.OwnDef(0)), d.get(1));
    assertEquals(new Decl.TypeDecl(new DefType.BorrowDef(0)), d.get(2));
    assertEquals(
        new Decl.ExportDecl(ExternName.of("[constructor]fields"), new ExternDesc.FuncDesc(3)),
        d.get(4));
    assertEquals(
        new Decl.ExportDecl(ExternName.of("[method]fields.get"), new ExternDesc.FuncDesc(5)),
        d.get(7));
    assertEquals(
        new Decl.ExportDecl(ExternName.of("[static]fields.from-list"), new ExternDesc.FuncDesc(8)),
        d.get(11));
    assertEquals(new Decl.AliasDecl(Sort.TYPE, new AliasTarget.Outer(1, 13)), d.get(12));
    assertEquals(
        new Decl.ExportDecl(ExternName.of("point"), new ExternDesc.TypeDesc(new TypeBound.Eq(9))),
        d.get(13));
    assertEquals(
        new Decl.CoreTypeDecl(new CoreFuncType(List.of(CoreValType.I32), List.of(CoreValType.I64))),
        d.get(14));

    var world = assertInstanceOf(DefType.ComponentTypeDef.class, type(ast, 30));
    List<Decl> w = world.decls();
    assertEquals(10, w.size());
    assertInstanceOf(DefType.InstanceTypeDef.class, ((Decl.TypeDecl) w.get(0)).type());
    assertEquals(
        new Decl.ImportDecl(ExternName.of("wasi:cli/stdout@0.2.3"), new ExternDesc.InstanceDesc(0)),
        w.get(1));
    assertEquals(
        new Decl.ExportDecl(ExternName.of("pt"), new ExternDesc.TypeDesc(new TypeBound.Eq(1))),
        w.get(3));
    assertEquals(new Decl.CoreTypeDecl(new CoreDefType.ModuleType(List.of())), w.get(6));
    assertEquals(
        new Decl.ImportDecl(ExternName.of("m"), new ExternDesc.CoreModuleDesc(0)), w.get(7));
    assertEquals(
        new Decl.ImportDecl(ExternName.of("c"), new ExternDesc.ComponentDesc(4)), w.get(9));
  }

  @Test
  void canonicalDefinitions() throws ComponentException {
    byte[] bytes = fixture("decode-canon");
    ComponentAst ast = ComponentDecoder.decode(bytes);
    assertEquals(24, ast.definitions().size());
    assertEquals(
        new ImportDef(ExternName.of("host"), new ExternDesc.InstanceDesc(0), 34),
        ast.definitions().get(1));
    assertEquals(new AliasTarget.Export(0, "log"), def(ast, 2, AliasDef.class).target());

    CoreModuleDef module = def(ast, 3, CoreModuleDef.class);
    assertArrayEquals(
        Arrays.copyOfRange(bytes, (int) module.offset(), (int) module.offset() + 8),
        Binaries.emptyCoreModule());
    assertEquals(136, module.bytes().length);
    assertEquals(
        new CoreInstanceExpr.Instantiate(0, List.of()), def(ast, 4, CoreInstanceDef.class).expr());
    assertEquals(
        new AliasDef(Sort.CORE_MEMORY, new AliasTarget.CoreExport(0, "memory"), 200),
        ast.definitions().get(5));

    assertEquals(
        new Canon.Lower(
            0,
            List.of(
                new CanonOpt.MemoryOpt(0),
                new CanonOpt.ReallocOpt(0),
                new CanonOpt.StringEncodingOpt(StringEncoding.UTF8))),
        def(ast, 11, CanonDef.class).canon());
    assertEquals(
        new Canon.Lower(
            0,
            List.of(
                new CanonOpt.StringEncodingOpt(StringEncoding.UTF16), new CanonOpt.MemoryOpt(0))),
        def(ast, 12, CanonDef.class).canon());
    assertEquals(
        new CanonOpt.StringEncodingOpt(StringEncoding.LATIN1_UTF16),
        ((Canon.Lower) def(ast, 13, CanonDef.class).canon()).options().get(0));
    assertEquals(new DefType.ResourceDef(CoreValType.I32, 3), type(ast, 14));
    assertEquals(new Canon.ResourceNew(1), def(ast, 15, CanonDef.class).canon());
    assertEquals(new Canon.ResourceDrop(1), def(ast, 16, CanonDef.class).canon());
    assertEquals(new Canon.ResourceRep(1), def(ast, 17, CanonDef.class).canon());
    assertEquals(
        new Canon.Lift(
            2,
            List.of(
                new CanonOpt.MemoryOpt(0),
                new CanonOpt.ReallocOpt(0),
                new CanonOpt.PostReturnOpt(1),
                new CanonOpt.StringEncodingOpt(StringEncoding.UTF16)),
            2),
        def(ast, 19, CanonDef.class).canon());
    assertEquals(new Canon.Lift(4, List.of(), 3), def(ast, 21, CanonDef.class).canon());
    assertEquals(
        new ExportDef(ExternName.of("greet"), new SortIndex(Sort.FUNC, 1), null, 350),
        ast.definitions().get(22));
    assertEquals(new SortIndex(Sort.TYPE, 1), def(ast, 23, ExportDef.class).item());
    assertEquals("greet-f", ast.names().name(Sort.FUNC, 1));
    assertEquals("log8", ast.names().name(Sort.CORE_FUNC, 5));
    assertEquals("memory", ast.names().name(Sort.CORE_MEMORY, 0));
  }

  @Test
  void nestedComponentsInstancesAndAliases() throws ComponentException {
    ComponentAst ast = ComponentDecoder.decode(fixture("decode-nested"));
    assertEquals(21, ast.definitions().size());
    assertEquals("outer", ast.names().componentName());
    assertArrayEquals(
        Binaries.emptyCoreModule(), Arrays.copyOf(def(ast, 3, CoreModuleDef.class).bytes(), 8));

    NestedComponentDef innerDef = def(ast, 4, NestedComponentDef.class);
    ComponentAst inner = innerDef.component();
    assertEquals(innerDef.offset(), inner.offset());
    assertEquals("Inner", inner.names().componentName());
    assertEquals(9, inner.definitions().size());
    assertEquals(new AliasTarget.Outer(1, 0), def(inner, 2, AliasDef.class).target());
    assertEquals(Sort.TYPE, def(inner, 2, AliasDef.class).sort());
    assertEquals(Sort.CORE_MODULE, def(inner, 3, AliasDef.class).sort());
    ComponentAst innermost = def(inner, 4, NestedComponentDef.class).component();
    assertEquals(
        List.of(
            new TypeDef(new DefType.PrimitiveDef(PrimitiveType.U32), 107),
            new ExportDef(ExternName.of("u"), new SortIndex(Sort.TYPE, 0), null, 111)),
        innermost.definitions());
    assertEquals(new AliasTarget.Export(0, "u"), def(inner, 6, AliasDef.class).target());

    assertEquals(
        new InstanceExpr.Instantiate(
            0, List.of(new InstanceExpr.InstantiateArg("g", new SortIndex(Sort.FUNC, 0)))),
        def(ast, 5, InstanceDef.class).expr());
    assertEquals(
        new InstanceExpr.FromExports(
            List.of(
                new InstanceExpr.InlineExport(ExternName.of("a"), new SortIndex(Sort.FUNC, 1)),
                new InstanceExpr.InlineExport(ExternName.of("b"), new SortIndex(Sort.FUNC, 0)),
                new InstanceExpr.InlineExport(
                    ExternName.of("inner"), new SortIndex(Sort.COMPONENT, 0)))),
        def(ast, 7, InstanceDef.class).expr());
    assertEquals(
        new CoreInstanceExpr.FromExports(
            List.of(
                new CoreInstanceExpr.CoreInlineExport("f2", new SortIndex(Sort.CORE_FUNC, 0)),
                new CoreInstanceExpr.CoreInlineExport("m2", new SortIndex(Sort.CORE_MEMORY, 0)),
                new CoreInstanceExpr.CoreInlineExport("g2", new SortIndex(Sort.CORE_GLOBAL, 0)),
                new CoreInstanceExpr.CoreInlineExport("t2", new SortIndex(Sort.CORE_TABLE, 0)))),
        def(ast, 15, CoreInstanceDef.class).expr());
    assertEquals(
        new CoreInstanceExpr.Instantiate(
            2, List.of(new CoreInstanceExpr.CoreInstantiateArg("env", 1))),
        def(ast, 17, CoreInstanceDef.class).expr());
    assertEquals(new SortIndex(Sort.COMPONENT, 0), def(ast, 19, ExportDef.class).item());
    assertEquals(new SortIndex(Sort.CORE_MODULE, 0), def(ast, 20, ExportDef.class).item());
  }

  @Test
  void importAndExportNames() throws ComponentException {
    ComponentAst ast = ComponentDecoder.decode(fixture("decode-names"));
    assertEquals(17, ast.definitions().size());
    assertEquals(ExternName.of("wasi:http/types@0.2.3"), def(ast, 1, ImportDef.class).name());
    assertEquals(
        new ExternName("wasi:io/streams@0.2", ".10", null, null),
        def(ast, 3, ImportDef.class).name());
    assertEquals(
        new ExternName("store", null, "wasi:keyvalue/store@0.2.0", "id-1"),
        def(ast, 5, ImportDef.class).name());
    assertEquals(
        new ExternDesc.TypeDesc(new TypeBound.SubResource()), def(ast, 8, ImportDef.class).desc());
    assertEquals(new ExternDesc.TypeDesc(new TypeBound.Eq(4)), def(ast, 9, ImportDef.class).desc());
    assertEquals(
        new ExternName("snowman", null, null, "\u2603\ufe0e"),
        def(ast, 11, ImportDef.class).name());
    assertEquals(ExternName.of("wasi:cli/run@0.2.3"), def(ast, 12, ExportDef.class).name());
    assertNull(def(ast, 12, ExportDef.class).ascribed());
    assertEquals(new ExternDesc.FuncDesc(7), def(ast, 14, ExportDef.class).ascribed());
    assertEquals(new ExternName("impl", null, "a:b/c", null), def(ast, 16, ExportDef.class).name());
  }

  @Test
  void coreTypesAndTags() throws ComponentException {
    ComponentAst ast = ComponentDecoder.decode(fixture("decode-core"));
    assertEquals(9, ast.definitions().size());
    assertEquals(
        new CoreFuncType(
            List.of(CoreValType.I32, CoreValType.I64, CoreValType.F32, CoreValType.F64),
            List.of(CoreValType.I32)),
        def(ast, 0, CoreTypeDef.class).type());
    assertEquals(
        new CoreFuncType(
            List.of(CoreValType.FUNCREF, CoreValType.EXTERNREF), List.of(CoreValType.V128)),
        def(ast, 2, CoreTypeDef.class).type());
    var mt = assertInstanceOf(CoreDefType.ModuleType.class, def(ast, 3, CoreTypeDef.class).type());
    assertEquals(
        List.of(
            new ModuleDecl.CoreTypeDeclInModule(
                new CoreFuncType(List.of(CoreValType.I32), List.of())),
            new ModuleDecl.CoreOuterAlias(1, 1),
            new ModuleDecl.CoreImportDecl("env", "f", new CoreImportDesc.Func(0)),
            new ModuleDecl.CoreImportDecl(
                "env", "tbl", new CoreImportDesc.Table(CoreValType.FUNCREF, 1, 10L)),
            new ModuleDecl.CoreImportDecl(
                "env", "mem", new CoreImportDesc.Memory(2, null, false, false)),
            new ModuleDecl.CoreImportDecl(
                "env", "mem64", new CoreImportDesc.Memory(1, 100L, true, false)),
            new ModuleDecl.CoreImportDecl(
                "env", "shared", new CoreImportDesc.Memory(1, 2L, false, true)),
            new ModuleDecl.CoreImportDecl(
                "env", "g", new CoreImportDesc.Global(CoreValType.I64, true)),
            new ModuleDecl.CoreImportDecl(
                "env", "c", new CoreImportDesc.Global(CoreValType.F32, false)),
            new ModuleDecl.CoreImportDecl("env", "tag", new CoreImportDesc.Tag(0)),
            new ModuleDecl.CoreExportDecl("run", new CoreImportDesc.Func(1)),
            new ModuleDecl.CoreExportDecl(
                "memory", new CoreImportDesc.Memory(1, null, false, false))),
        mt.decls());
    assertEquals(new ExternDesc.CoreModuleDesc(3), def(ast, 4, ImportDef.class).desc());
    assertEquals(
        new AliasDef(Sort.CORE_TAG, new AliasTarget.CoreExport(0, "t"), 218),
        ast.definitions().get(7));
    assertEquals(
        new CoreInstanceExpr.FromExports(
            List.of(new CoreInstanceExpr.CoreInlineExport("exn", new SortIndex(Sort.CORE_TAG, 0)))),
        def(ast, 8, CoreInstanceDef.class).expr());
    assertEquals("t", ast.names().name(Sort.CORE_TAG, 0));
  }

  @Test
  void definitionOffsetsPointAtTheirItems() throws ComponentException {
    for (String f : Binaries.FIXTURES) {
      byte[] bytes = fixture(f);
      ComponentAst ast = ComponentDecoder.decode(bytes);
      assertEquals(0, ast.offset());
      long last = -1;
      for (Definition d : ast.definitions()) {
        assertTrue(d.offset() > last && d.offset() < bytes.length, f + ": " + d);
        last = d.offset();
      }
    }
  }

  @Test
  void realSampleComponentsDecode() throws Exception {
    for (Path p : Binaries.samples()) {
      ComponentAst ast = ComponentDecoder.decode(Files.readAllBytes(p));
      long modules = ast.definitions().stream().filter(d -> d instanceof CoreModuleDef).count();
      long nested = ast.definitions().stream().filter(d -> d instanceof NestedComponentDef).count();
      assertTrue(modules >= 1, p + ": core modules");
      assertTrue(nested >= 1, p + ": wit-component wraps each export in a nested component");
      for (Definition d : ast.definitions()) {
        if (d instanceof CoreModuleDef def) {
          byte[] m = def.bytes();
          assertArrayEquals(Binaries.emptyCoreModule(), Arrays.copyOf(m, 8), p.toString());
        }
      }
    }
  }
}
