package dev.wasihttp.component.internal.wit;

import dev.wasihttp.component.internal.link.InstanceExports;
import dev.wasihttp.component.internal.link.Item;
import dev.wasihttp.component.types.EnumType;
import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.RecordType;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.types.VariantType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the body of one interface: {@code use}s, type definitions, resources with their
 * constructors, methods and static functions (named {@code [constructor]r}, {@code [method]r.m},
 * {@code [static]r.s} in the component, per the Explainer's "Import and export definitions"), then
 * freestanding functions.
 */
final class InterfaceWriter {
  private final InterfaceName name;
  private final InstanceExports instance;
  private final TypeNames names;
  private final String indent;

  InterfaceWriter(InterfaceName name, InstanceExports instance, TypeNames names, String indent) {
    this.name = name;
    this.instance = instance;
    this.names = names;
    this.indent = indent;
  }

  void write(StringBuilder out) {
    Map<String, Set<String>> saved = names.resetUses();
    StringBuilder body = new StringBuilder();
    Map<String, List<Map.Entry<String, FuncType>>> members = new LinkedHashMap<>();
    List<Map.Entry<String, FuncType>> freestanding = new ArrayList<>();
    for (Map.Entry<String, Item> e : instance.exports().entrySet()) {
      if (e.getValue() instanceof Item.Func) {
        FuncType t = ((Item.Func) e.getValue()).func().type();
        String resource = resourceOf(e.getKey());
        if (resource != null) {
          members.computeIfAbsent(resource, k -> new ArrayList<>()).add(Map.entry(e.getKey(), t));
        } else {
          freestanding.add(Map.entry(e.getKey(), t));
        }
      }
    }
    for (Map.Entry<String, Item> e : instance.exports().entrySet()) {
      if (e.getValue() instanceof Item.Type) {
        type(
            body,
            e.getKey(),
            ((Item.Type) e.getValue()).type(),
            members.getOrDefault(e.getKey(), List.of()));
      }
    }
    for (Map.Entry<String, FuncType> f : freestanding) {
      body.append(indent)
          .append(Ident.of(f.getKey()))
          .append(": ")
          .append(names.func(f.getValue(), name))
          .append(";\n");
    }
    for (Map.Entry<String, Set<String>> u : names.uses().entrySet()) {
      List<String> ids = new ArrayList<>();
      for (String n : u.getValue()) {
        ids.add(Ident.of(n));
      }
      out.append(indent)
          .append("use ")
          .append(u.getKey())
          .append(".{")
          .append(String.join(", ", ids))
          .append("};\n");
    }
    out.append(body);
    names.resetUses();
    names.uses().putAll(saved);
  }

  private static String resourceOf(String funcName) {
    if (funcName.startsWith("[constructor]")) {
      return funcName.substring("[constructor]".length());
    }
    for (String prefix : new String[] {"[method]", "[static]"}) {
      if (funcName.startsWith(prefix)) {
        int dot = funcName.indexOf('.', prefix.length());
        return dot < 0 ? null : funcName.substring(prefix.length(), dot);
      }
    }
    return null;
  }

  private void type(
      StringBuilder out, String typeName, Object t, List<Map.Entry<String, FuncType>> members) {
    TypeNames.Owner owner = names.owner(t);
    boolean definedHere =
        owner != null && owner.iface().full().equals(name.full()) && owner.name().equals(typeName);
    if (!definedHere) {
      if (owner != null
          && !owner.iface().full().equals(name.full())
          && owner.name().equals(typeName)) {
        names.ref(t, name); // a `use` of the other interface's type
      } else {
        out.append(indent)
            .append("type ")
            .append(Ident.of(typeName))
            .append(" = ")
            .append(names.ref(t, name))
            .append(";\n");
      }
      return;
    }
    String id = Ident.of(typeName);
    if (t instanceof ResourceType) {
      resource(out, id, members);
    } else if (t instanceof ValType v) {
      definition(out, id, v);
    }
  }

  private void resource(StringBuilder out, String id, List<Map.Entry<String, FuncType>> members) {
    if (members.isEmpty()) {
      out.append(indent).append("resource ").append(id).append(";\n");
      return;
    }
    out.append(indent).append("resource ").append(id).append(" {\n");
    for (Map.Entry<String, FuncType> m : members) {
      String n = m.getKey();
      FuncType f = m.getValue();
      out.append(indent).append("  ");
      if (n.startsWith("[constructor]")) {
        FuncType noResult = new FuncType(f.params(), null);
        out.append(names.params(noResult, name, 0, "constructor"));
      } else if (n.startsWith("[method]")) {
        out.append(Ident.of(n.substring(n.indexOf('.') + 1)))
            .append(": ")
            .append(names.params(f, name, 1, "func"));
      } else {
        out.append(Ident.of(n.substring(n.indexOf('.') + 1)))
            .append(": ")
            .append(names.params(f, name, 0, "static func"));
      }
      out.append(";\n");
    }
    out.append(indent).append("}\n");
  }

  /** A named value type defined in this interface; returns {@code out}. */
  private StringBuilder definition(StringBuilder out, String id, ValType t) {
    return switch (t.kind()) {
      case RECORD -> {
        out.append(indent).append("record ").append(id).append(" {\n");
        for (RecordType.Field f : ((RecordType) t).fields()) {
          out.append(indent)
              .append("  ")
              .append(Ident.of(f.name()))
              .append(": ")
              .append(names.ref(f.type(), name))
              .append(",\n");
        }
        yield out.append(indent).append("}\n");
      }
      case VARIANT -> {
        out.append(indent).append("variant ").append(id).append(" {\n");
        for (VariantType.Case c : ((VariantType) t).cases()) {
          out.append(indent).append("  ").append(Ident.of(c.name()));
          if (c.type() != null) {
            out.append('(').append(names.ref(c.type(), name)).append(')');
          }
          out.append(",\n");
        }
        yield out.append(indent).append("}\n");
      }
      case ENUM -> list(out, "enum", id, ((EnumType) t).names());
      case FLAGS -> list(out, "flags", id, ((FlagsType) t).names());
      // A named alias of a structural type, e.g. `type field-value = list<u8>`.
      case BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, STRING -> alias(out, id, t);
      case LIST, TUPLE, OPTION, RESULT, OWN, BORROW -> alias(out, id, t);
    };
  }

  private StringBuilder alias(StringBuilder out, String id, ValType t) {
    return out.append(indent)
        .append("type ")
        .append(id)
        .append(" = ")
        .append(names.structure(t, name))
        .append(";\n");
  }

  private StringBuilder list(StringBuilder out, String keyword, String id, List<String> cases) {
    out.append(indent).append(keyword).append(' ').append(id).append(" {\n");
    for (String c : cases) {
      out.append(indent).append("  ").append(Ident.of(c)).append(",\n");
    }
    return out.append(indent).append("}\n");
  }
}
