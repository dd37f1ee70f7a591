package dev.wasihttp.cli;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.ComponentInstance;
import dev.wasihttp.component.Func;
import dev.wasihttp.component.Linker;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.component.wave.Wave;
import dev.wasihttp.component.wave.WaveCall;
import dev.wasihttp.component.wave.WaveException;
import dev.wasihttp.wasi.WasiView;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code invoke COMPONENT.wasm CALL...}: instantiates the component once and runs the calls in
 * order, so state carries from one call to the next. Each call prints its result in WAVE (an empty
 * line when there is none) or {@code trap: REASON}, after which nothing more runs. Imports the host
 * does not provide link, and trap with {@code not provided} when called.
 *
 * <p>Resource handles have no WAVE syntax. A handle a call returned prints as {@code
 * own<NAME>#REP}, and a later call of the same run may pass that exact text as an argument ({@code
 * own<...>} or {@code borrow<...>}): only handles this run received are accepted, so no handle can
 * be forged from text.
 */
final class InvokeCommand {
  private InvokeCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2) {
      err.println("error: usage: wasi-http invoke COMPONENT.wasm CALL...");
      return Main.ERROR;
    }
    ComponentInstance<WasiView> instance;
    try {
      Component component = Component.load(Path.of(args[0]));
      instance =
          new Linker<WasiView>().trapUnknownImports(true).instantiatePre(component).instantiate();
    } catch (IOException e) {
      err.println("error: cannot read " + args[0] + ": " + e.getMessage());
      return Main.ERROR;
    } catch (ComponentException e) {
      err.println("error: " + e.getMessage());
      return Main.ERROR;
    } catch (Trap e) {
      out.println("trap: " + e.reason());
      return Main.TRAP;
    }
    Map<String, Val.Own> handles = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      Func func;
      List<Val> values;
      try {
        Map<String, String> named = new HashMap<>();
        WaveCall call = WaveCall.parse(nameHandles(args[i], named));
        func = resolve(instance, call);
        values = arguments(call, func.type(), handles, named);
      } catch (WaveException | IllegalArgumentException e) {
        err.println("error: " + e.getMessage());
        return Main.ERROR;
      }
      try {
        Val result = func.call(values);
        if (result instanceof Val.Own own) {
          handles.put(Wave.print(result), own);
        }
        out.println(result == null ? "" : Wave.print(result));
      } catch (Trap e) {
        out.println("trap: " + e.reason());
        return Main.TRAP;
      }
    }
    return Main.OK;
  }

  /** The call's arguments; a parameter of resource type may name a handle received earlier. */
  static List<Val> arguments(
      WaveCall call, FuncType type, Map<String, Val.Own> handles, Map<String, String> named)
      throws WaveException {
    List<String> texts = call.argumentTexts();
    if (named.isEmpty() || texts.size() != type.params().size()) {
      return call.arguments(type);
    }
    List<Val> values = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      ValType t = type.params().get(i).type();
      String text = named.get(texts.get(i).strip());
      if (text == null || !isResource(t)) {
        values.add(Wave.parse(texts.get(i), t));
        continue;
      }
      Val.Own h = handles.get(text.replaceFirst("^borrow<", "own<"));
      if (h == null) {
        throw new IllegalArgumentException(
            "parameter "
                + type.params().get(i).name()
                + ": "
                + text
                + " is not a handle this run received");
      }
      values.add(t instanceof BorrowType ? new Val.Borrow(h.type(), h.rep()) : h);
      if (t instanceof OwnType) {
        handles.remove(text); // ownership moves into the callee
      }
    }
    return values;
  }

  /**
   * Replaces each {@code own<NAME>#REP} or {@code borrow<NAME>#REP} outside string and char
   * literals with a label WAVE can split on, remembering the original text in {@code named}.
   */
  static String nameHandles(String text, Map<String, String> named) {
    Matcher m = Pattern.compile("(own|borrow)<[^<>#\\s\"']*>#\\d+").matcher(text);
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (m.find()) {
      if (insideLiteral(text, m.start())) {
        continue;
      }
      String label = "wasi-http-handle-" + named.size();
      named.put(label, m.group());
      out.append(text, at, m.start()).append(label);
      at = m.end();
    }
    return out.append(text, at, text.length()).toString();
  }

  private static boolean insideLiteral(String text, int end) {
    char quote = 0;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (quote != 0 && c == '\\') {
        i++;
      } else if (quote != 0 && c == quote) {
        quote = 0;
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      }
    }
    return quote != 0;
  }

  /** {@code pkg:ns/iface} matches {@code pkg:ns/iface@1.0.0}; a bare {@code iface} matches too. */
  private static boolean sameInterface(String wanted, String exported) {
    String unversioned =
        exported.contains("@") ? exported.substring(0, exported.lastIndexOf('@')) : exported;
    if (wanted.equals(unversioned)) {
      return true;
    }
    return !wanted.contains("/") && !wanted.contains(":") && unversioned.endsWith("/" + wanted);
  }

  private static boolean isResource(ValType t) {
    return t instanceof OwnType || t instanceof BorrowType;
  }

  /** Finds the function a call names; a bare name must be unique across root and instances. */
  static Func resolve(ComponentInstance<WasiView> instance, WaveCall call) {
    if (call.interfaceName() != null) {
      Func f = instance.func(call.interfaceName(), call.function());
      if (f != null) {
        return f;
      }
      // Without a version (or a package), the name may still pick out one exported interface.
      List<String> matches =
          instance.exportNames().stream()
              .filter(n -> sameInterface(call.interfaceName(), n))
              .collect(Collectors.toList());
      if (matches.size() > 1) {
        throw new IllegalArgumentException(
            "interface "
                + call.interfaceName()
                + " is ambiguous; candidates: "
                + String.join(", ", matches));
      }
      f = matches.isEmpty() ? null : instance.func(matches.get(0), call.function());
      if (f == null) {
        throw new IllegalArgumentException(
            "no exported function " + call.function() + " in " + call.interfaceName());
      }
      return f;
    }
    List<Func> found = instance.findFuncs(call.function());
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no exported function named " + call.function());
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(
          "function name "
              + call.function()
              + " is ambiguous; candidates: "
              + found.stream().map(Func::name).collect(Collectors.joining(", ")));
    }
    return found.get(0);
  }
}
