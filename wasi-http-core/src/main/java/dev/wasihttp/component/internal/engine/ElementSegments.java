package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.DeclarativeElement;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.ArrayList;
import java.util.List;

/**
 * A module's active element segments of functions, decoded once: the table, the offset and the
 * function indices of each. Chicory evaluates every entry's constant expression again for each
 * instance (twice: value, then defining instance); StarlingMonkey's table has thousands of entries.
 *
 * <p>The variant module ({@link PreparedModule}) declares these segments declarative, so Chicory
 * skips them, and {@code table.init} treats them as it treats an active segment after
 * instantiation: empty.
 */
final class ElementSegments {
  private record Segment(int table, int offset, int[] functions) {}

  /** The variant's element section. */
  final ElementSection section;

  private final List<Segment> segments;

  private ElementSegments(ElementSection section, List<Segment> segments) {
    this.section = section;
    this.segments = segments;
  }

  /**
   * The active segments of {@code m}, or null when there are none or one is not a list of {@code
   * ref.func} at an {@code i32.const} offset (Chicory then initialises the tables as usual).
   */
  static ElementSegments of(WasmModule m) {
    List<Segment> segments = new ArrayList<>();
    ElementSection.Builder section = ElementSection.builder();
    for (Element e : m.elementSection().elements()) {
      if (!(e instanceof ActiveElement)) {
        section.addElement(e);
        continue;
      }
      ActiveElement a = (ActiveElement) e;
      Integer offset = PreparedModule.i32Constant(a.offset());
      if (offset == null) {
        return null;
      }
      int[] functions = new int[a.initializers().size()];
      for (int i = 0; i < functions.length; i++) {
        List<Instruction> init = a.initializers().get(i);
        if (init.isEmpty() || init.get(0).opcode() != OpCode.REF_FUNC || !onlyEnd(init)) {
          return null;
        }
        functions[i] = (int) init.get(0).operand(0);
      }
      segments.add(new Segment(a.tableIndex(), offset, functions));
      section.addElement(new DeclarativeElement(a.type(), a.initializers()));
    }
    return segments.isEmpty() ? null : new ElementSegments(section.build(), List.copyOf(segments));
  }

  private static boolean onlyEnd(List<Instruction> init) {
    for (int i = 1; i < init.size(); i++) {
      if (init.get(i).opcode() != OpCode.END) {
        return false;
      }
    }
    return true;
  }

  /**
   * Fills the tables of {@code instance} as {@code Instance.initialize} would, in order and with
   * its bounds check: a segment out of bounds fails instantiation, the ones before it stay written.
   */
  void apply(Instance instance) {
    for (Segment s : segments) {
      TableInstance table = instance.table(s.table());
      int n = s.functions().length;
      if (s.offset() > table.limits().min() || (s.offset() + n - 1) >= table.size()) {
        throw new UninstantiableException("out of bounds table access");
      }
      for (int i = 0; i < n; i++) {
        table.setRef(s.offset() + i, s.functions()[i], instance);
      }
    }
  }
}
