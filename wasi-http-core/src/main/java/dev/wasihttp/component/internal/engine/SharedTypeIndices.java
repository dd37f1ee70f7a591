package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.SubType;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TagType;
import com.dylibso.chicory.wasm.types.TypeSection;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the core modules of one component a common index for every function type that one core
 * instance may look up in another's type section: the type a {@code call_indirect} or {@code
 * return_call_indirect} names, and the type of a tag.
 *
 * <p>Chicory 1.7.5 looks such an index up in the wrong module. A {@code call_indirect} resolves its
 * type index in the module of the instance that defined the called function ({@code
 * InterpreterMachine.CALL_INDIRECT}: {@code refInstance.type(typeId)} and {@code
 * verifyIndirectCallByTypeIdx(..., refInstance.module().typeSection())}), so through a table shared
 * by two instances a well-typed call traps with "indirect call type mismatch" and an ill-typed one
 * may run. A {@code throw} of an imported tag takes the parameter types from its own module at the
 * index the tag has in the module that defined it ({@code THROW}: {@code
 * instance.type(tag.tagType().typeIdx())}), so it pops the wrong values.
 *
 * <p>So the type section of every module that imports or exports a table or a tag is padded to a
 * common length {@code K} and extended with one list of those function types, the same for all
 * these modules; each such instruction, and each tag the module defines, is redirected to {@code K}
 * plus the position of its type in the list: the index names the same type in every module.
 * Function and block type indices stay as they are; the engine accepts a callee whose own type is
 * structurally equal to the expected one (canonical equivalence).
 *
 * <p>Only plain function types are shared (a rec group of one, final, no supertype, no reference to
 * another type index); an instruction or tag naming another type keeps its index. Not addressed
 * here: a {@code return_call_indirect} into another instance, which Chicory 1.7.5 runs as the
 * caller's own function of that index.
 */
public final class SharedTypeIndices {
  private SharedTypeIndices() {}

  /**
   * The modules of one component, those that import or export a table or tag rewritten as above;
   * {@code modules} itself when fewer than two do so or there is nothing to redirect. Positions
   * correspond.
   *
   * <p>Only instances of such modules can put their functions in a table another instance calls
   * through (an imported function sits in the importer's table as the importer's own) or throw a
   * tag another defined, and only two different modules can disagree on type indices. The others
   * keep their parsed form, at no cost: a large main module usually keeps its table to itself.
   */
  public static List<CoreModule> share(List<CoreModule> modules) {
    Map<FunctionType, Integer> shared = new LinkedHashMap<>();
    Map<Integer, BitSet> bodies = new LinkedHashMap<>();
    int k = 0;
    for (int i = 0; i < modules.size(); i++) {
      WasmModule m = modules.get(i).module;
      if (readsBodies(m)) {
        k = Math.max(k, m.typeSection().subTypeCount());
        bodies.put(i, collect(m, shared));
      }
    }
    if (bodies.size() < 2 || shared.isEmpty()) {
      return modules;
    }
    List<CoreModule> out = new ArrayList<>(modules);
    for (Map.Entry<Integer, BitSet> e : bodies.entrySet()) {
      CoreModule m = modules.get(e.getKey());
      out.set(e.getKey(), m.rewritten(rewrite(m.module, e.getValue(), k, shared)));
    }
    return List.copyOf(out);
  }

  /**
   * Whether {@link #share} reads {@code m}'s function bodies: those of a module that imports or
   * exports a table or a tag, whose indirect calls and tags decide the shared indices.
   */
  static boolean readsBodies(WasmModule m) {
    for (int i = 0; i < m.importSection().importCount(); i++) {
      ExternalType t = m.importSection().getImport(i).importType();
      if (t == ExternalType.TABLE || t == ExternalType.TAG) {
        return true;
      }
    }
    for (int i = 0; i < m.exportSection().exportCount(); i++) {
      ExternalType t = m.exportSection().getExport(i).exportType();
      if (t == ExternalType.TABLE || t == ExternalType.TAG) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds the plain types of {@code m}'s tags and indirect calls to {@code shared}; returns the
   * bodies that hold such a call.
   */
  private static BitSet collect(WasmModule m, Map<FunctionType, Integer> shared) {
    TypeSection ts = m.typeSection();
    boolean[] plain = plainTypes(ts);
    for (TagType tag : m.tagSection().map(TagSection::types).orElse(new TagType[0])) {
      if (plain[tag.typeIdx()]) {
        shared.putIfAbsent(ts.getType(tag.typeIdx()), shared.size());
      }
    }
    BitSet bodies = new BitSet();
    CodeSection code = m.codeSection();
    for (int b = 0; b < code.functionBodyCount(); b++) {
      for (AnnotatedInstruction ins : code.getFunctionBody(b).instructions()) {
        if (isIndirectCall(ins) && plain[(int) ins.operand(0)]) {
          shared.putIfAbsent(ts.getType((int) ins.operand(0)), shared.size());
          bodies.set(b);
        }
      }
    }
    return bodies;
  }

  private static boolean isIndirectCall(Instruction ins) {
    return ins.opcode() == OpCode.CALL_INDIRECT || ins.opcode() == OpCode.RETURN_CALL_INDIRECT;
  }

  /** For each type index of {@code ts}: whether it is a plain function type. */
  private static boolean[] plainTypes(TypeSection ts) {
    boolean[] plain = new boolean[ts.subTypeCount()];
    int flat = 0;
    for (int g = 0; g < ts.typeCount(); g++) {
      SubType[] group = ts.getRecType(g).subTypes();
      for (SubType st : group) {
        FunctionType ft = st.compType() == null ? null : st.compType().funcType();
        plain[flat++] =
            group.length == 1
                && st.isFinal()
                && st.typeIdx().length == 0
                && ft != null
                && noTypeIndex(ft.params())
                && noTypeIndex(ft.returns());
      }
    }
    return plain;
  }

  private static boolean noTypeIndex(List<ValType> types) {
    for (ValType t : types) {
      if (t.isReference() && !ValType.isAbsHeapTypeIdx(t.typeIdx())) {
        return false;
      }
    }
    return true;
  }

  private static WasmModule rewrite(
      WasmModule m, BitSet bodies, int k, Map<FunctionType, Integer> shared) {
    TypeSection ts = m.typeSection();
    TypeSection.Builder types = TypeSection.builder();
    for (int g = 0; g < ts.typeCount(); g++) {
      types.addRecType(ts.getRecType(g));
    }
    for (int i = ts.subTypeCount(); i < k; i++) {
      types.addFunctionType(FunctionType.empty());
    }
    for (FunctionType ft : shared.keySet()) {
      types.addFunctionType(ft);
    }
    boolean[] plain = plainTypes(ts);
    CodeSection code = m.codeSection();
    CodeSection.Builder newCode =
        CodeSection.builder().setRequiresDataCount(code.isRequiresDataCount());
    for (int b = 0; b < code.functionBodyCount(); b++) {
      FunctionBody body = code.getFunctionBody(b);
      newCode.addFunctionBody(bodies.get(b) ? redirect(body, ts, plain, k, shared) : body);
    }
    // Validated when parsed; the redirected indices name equal types.
    WasmModule.Builder out =
        CoreModule.copy(m).setTypeSection(types.build()).setCodeSection(newCode.build());
    m.tagSection().ifPresent(tags -> out.setTagSection(redirect(tags, ts, plain, k, shared)));
    return out.build();
  }

  private static TagSection redirect(
      TagSection tags, TypeSection ts, boolean[] plain, int k, Map<FunctionType, Integer> shared) {
    TagSection.Builder out = TagSection.builder();
    for (TagType tag : tags.types()) {
      int type = tag.typeIdx();
      out.addTagType(
          plain[type] ? new TagType(tag.attribute(), k + shared.get(ts.getType(type))) : tag);
    }
    return out.build();
  }

  private static FunctionBody redirect(
      FunctionBody body,
      TypeSection ts,
      boolean[] plain,
      int k,
      Map<FunctionType, Integer> shared) {
    List<AnnotatedInstruction> in = body.instructions();
    List<AnnotatedInstruction> out = new ArrayList<>(in.size());
    for (AnnotatedInstruction ins : in) {
      int type = isIndirectCall(ins) ? (int) ins.operand(0) : -1;
      if (type < 0 || !plain[type]) {
        out.add(ins);
        continue;
      }
      long[] operands = ins.operands();
      operands[0] = k + shared.get(ts.getType(type));
      out.add(
          AnnotatedInstruction.builder()
              .from(new Instruction(ins.address(), ins.opcode(), operands))
              .withDepth(ins.depth())
              .build());
    }
    return new FunctionBody(body.localTypes(), out);
  }
}
