package dev.wasihttp.component.internal.binary;

import static dev.wasihttp.component.internal.binary.BinaryReader.hex;
import static dev.wasihttp.component.internal.binary.BinaryReader.malformed;

import dev.wasihttp.component.errors.ComponentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes a component binary into a {@link ComponentAst} (Binary.md, "Component Definitions").
 *
 * <p>The decoder reads the preamble and then each section in order, flattening every section's
 * items into one list, because the index spaces are built in binary order. It checks the grammar,
 * not validity: indices are not resolved and types are not compared. Stateless and thread-safe.
 */
public final class ComponentDecoder {

  /**
   * The deepest nesting of components, component/instance types and module types accepted. Real
   * toolchain outputs nest three or four levels; the limit keeps hostile input off the stack.
   */
  static final int MAX_NESTING = 64;

  private static final int MAGIC = 0x6d736100; // "\0asm", little-endian
  private static final int COMPONENT_VERSION = 0x0d; // Binary.md: pre-standard version 0x0d 0x00
  private static final int COMPONENT_LAYER = 0x01;

  private ComponentDecoder() {}

  /**
   * Decodes {@code bytes} as a component.
   *
   * @param bytes the whole binary; it is not modified, and core module definitions copy their
   *     slices out of it
   * @return the decoded component, immutable
   * @throws ComponentException of kind {@code MALFORMED} when the bytes do not follow the binary
   *     format or use a feature beyond WASI 0.2, naming the byte offset; of kind {@code INVALID}
   *     only for an index too large to name anything
   * @throws NullPointerException if {@code bytes} is null
   */
  public static ComponentAst decode(byte[] bytes) throws ComponentException {
    Objects.requireNonNull(bytes, "bytes");
    return component(BinaryReader.of(bytes), 0);
  }

  /** Fails when a nested component or type is {@code depth} levels deep and that is too deep. */
  static void checkDepth(int depth, long offset) throws ComponentException {
    if (depth > MAX_NESTING) {
      throw malformed(
          offset, "nesting too deep: more than " + MAX_NESTING + " nested components or types");
    }
  }

  /** A component: its preamble, then sections until the end of {@code r}. */
  static ComponentAst component(BinaryReader r, int depth) throws ComponentException {
    int start = r.position();
    checkDepth(depth, start);
    preamble(r, depth == 0);
    List<Definition> defs = new ArrayList<>();
    ComponentNames names = null;
    while (!r.atEnd()) {
      int at = r.position();
      int id = r.u8("section id");
      if (id > 12) {
        throw malformed(at, "expected section id (0 to 12), found " + hex(id));
      }
      long size = r.u32("section size");
      BinaryReader s = r.window(size, "section", at);
      if (id == 0) {
        ComponentNames n = custom(s);
        if (names == null) {
          names = n; // the first well-formed component-name section wins
        }
      } else {
        section(id, at, s, defs, depth);
      }
      s.expectEnd("section " + id);
    }
    return new ComponentAst(defs, names, start);
  }

  /**
   * {@code magic version layer}. A core module (version 1, layer 0) gets its own message, since
   * handing a core module to a component host is the likely mistake.
   */
  private static void preamble(BinaryReader r, boolean outermost) throws ComponentException {
    int at = r.position();
    if (r.remaining() < 8) {
      if (r.remaining() >= 4 && le32(r, at) != MAGIC) {
        throw badMagic(r, at);
      }
      throw malformed(
          r.end(), "unexpected end: expected 8 bytes of preamble, " + r.remaining() + " left");
    }
    if (le32(r, at) != MAGIC) {
      throw badMagic(r, at);
    }
    r.skip(4, "magic");
    int version = r.u8("version") | r.u8("version") << 8;
    int layer = r.u8("layer") | r.u8("layer") << 8;
    if (version == 1 && layer == 0) {
      throw malformed(
          at + 4,
          outermost
              ? "this is a core module, not a component (version 0x01 0x00, layer 0x00 0x00)"
              : "expected a nested component, found a core module preamble");
    }
    if (layer != COMPONENT_LAYER) {
      throw malformed(
          at + 6,
          "expected layer 0x01 0x00 (component), found "
              + hex(layer & 0xff)
              + " "
              + hex(layer >> 8));
    }
    if (version != COMPONENT_VERSION) {
      throw malformed(
          at + 4,
          "unknown binary version: expected 0x0d 0x00, found "
              + hex(version & 0xff)
              + " "
              + hex(version >> 8));
    }
  }

  private static int le32(BinaryReader r, int at) {
    byte[] d = r.data();
    return (d[at] & 0xff)
        | (d[at + 1] & 0xff) << 8
        | (d[at + 2] & 0xff) << 16
        | (d[at + 3] & 0xff) << 24;
  }

  private static ComponentException badMagic(BinaryReader r, int at) {
    byte[] d = r.data();
    return malformed(
        at,
        String.format(
            "expected magic 0x00 0x61 0x73 0x6d (\\0asm), found 0x%02x 0x%02x 0x%02x 0x%02x",
            d[at] & 0xff, d[at + 1] & 0xff, d[at + 2] & 0xff, d[at + 3] & 0xff));
  }

  /**
   * A custom section (id 0): its name must be a valid {@code core:name}; a {@code component-name}
   * section is decoded leniently (Binary.md, "Name Section": engines must not reject an invalid
   * one); any other custom section is skipped.
   */
  private static ComponentNames custom(BinaryReader s) throws ComponentException {
    String name = s.name("custom section name");
    ComponentNames names = null;
    if (name.equals("component-name")) {
      names = NameSectionDecoder.decode(new BinaryReader(s.data(), s.position(), s.end()));
    }
    s.skip(s.remaining(), "custom section");
    return names;
  }

  private static void section(
      int id, int sectionAt, BinaryReader s, List<Definition> defs, int depth)
      throws ComponentException {
    switch (id) {
      case 1:
        {
          int at = s.position();
          CoreModuleScanner.check(s);
          defs.add(new Definition.CoreModuleDef(Arrays.copyOfRange(s.data(), at, s.end()), at));
          return;
        }
      case 4:
        {
          int at = s.position();
          defs.add(new Definition.NestedComponentDef(component(s, depth + 1), at));
          return;
        }
      case 9:
        defs.add(start(s));
        return;
      case 12:
        throw malformed(
            sectionAt, "value section (12, 🪙 value definitions) is not supported in WASI 0.2");
      default:
        break;
    }
    int n = s.count(sectionItems(id));
    for (int i = 0; i < n; i++) {
      int at = s.position();
      defs.add(item(id, s, at, depth));
    }
  }

  private static Definition item(int id, BinaryReader s, int at, int depth)
      throws ComponentException {
    switch (id) {
      case 2:
        return new Definition.CoreInstanceDef(DefinitionDecoder.coreInstance(s), at);
      case 3:
        return new Definition.CoreTypeDef(CoreTypeDecoder.coreType(s, depth + 1), at);
      case 5:
        return new Definition.InstanceDef(DefinitionDecoder.instance(s), at);
      case 6:
        {
          Sort sort = DefinitionDecoder.sort(s);
          return new Definition.AliasDef(sort, DefinitionDecoder.aliasTarget(s, sort, at), at);
        }
      case 7:
        return new Definition.TypeDef(TypeDecoder.defType(s, depth + 1), at);
      case 8:
        return new Definition.CanonDef(CanonDecoder.canon(s), at);
      case 10:
        {
          ExternName name = DefinitionDecoder.externName(s);
          return new Definition.ImportDef(name, DefinitionDecoder.externDesc(s), at);
        }
      case 11:
        {
          ExternName name = DefinitionDecoder.externName(s);
          SortIndex item = DefinitionDecoder.sortIndex(s);
          return new Definition.ExportDef(name, item, DefinitionDecoder.optionalExternDesc(s), at);
        }
      default:
        throw new AssertionError("section " + id);
    }
  }

  private static String sectionItems(int id) {
    switch (id) {
      case 2:
        return "core instances";
      case 3:
        return "core types";
      case 5:
        return "instances";
      case 6:
        return "aliases";
      case 7:
        return "types";
      case 8:
        return "canonical definitions";
      case 10:
        return "imports";
      default:
        return "exports";
    }
  }

  /**
   * Section 9 (Binary.md, "Start Definitions"): {@code f:<funcidx> arg*:vec(<valueidx>) r:<u32>}.
   */
  private static Definition start(BinaryReader s) throws ComponentException {
    int at = s.position();
    int func = s.index("start function index");
    int n = s.count("start arguments");
    List<Integer> args = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      args.add(s.index("start argument value index"));
    }
    long results = s.u32("start result count");
    if (results > s.data().length) {
      // Each result is a new value that a later definition must consume (Binary.md, "Start
      // Definitions"), at least a byte each: more results than bytes in the binary cannot validate.
      throw new ComponentException(
          ComponentException.Kind.INVALID,
          at,
          "start result count " + results + " is out of range");
    }
    return new Definition.StartDef(func, args, (int) results, at);
  }
}
