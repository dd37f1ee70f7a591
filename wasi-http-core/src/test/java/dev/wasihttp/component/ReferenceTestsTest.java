package dev.wasihttp.component;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.component.wave.Wave;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the component-model reference tests ({@code test/values}, {@code resources}, {@code
 * linking}, {@code binary}, {@code validation} of WebAssembly/component-model), converted by {@code
 * tools/cm-tests.sh} into JSON manifests and binaries. Opt-in: {@code -Dcm.tests=DIR}; skipped when
 * DIR is absent.
 *
 * <p>Every assertion counts. In the target folders ({@code values}, {@code resources}, {@code
 * linking}; {@code -Dcm.strict} changes the list) every assertion must pass unless it is listed in
 * {@code cm-known-failures.txt} with a reason; in the others the counts are reported. A listed
 * assertion that passes fails the run, so the list only shrinks. A summary table is printed and
 * written to {@code target/cm-tests-report.md}. {@code -Dcm.engine=compiler} runs them compiled.
 */
class ReferenceTestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code -Dcm.engine=compiler} runs the tests on Chicory's compiler (default: interpreter). */
  private static final EngineOptions ENGINE =
      EngineOptions.of(EngineMode.parse(System.getProperty("cm.engine", "interpreter")));

  /** One assertion's outcome. */
  record Outcome(String folder, String key, boolean passed, String detail) {}

  @Test
  void referenceTests() throws Exception {
    String dir = System.getProperty("cm.tests", "");
    assumeTrue(!dir.isBlank() && Files.isDirectory(Path.of(dir)), "set -Dcm.tests=DIR to run");
    Map<String, String> known = knownFailures();
    List<String> strict =
        List.of(System.getProperty("cm.strict", "values,resources,linking").split(","));
    List<Outcome> outcomes = new ArrayList<>();
    List<Path> manifests;
    try (Stream<Path> s = Files.walk(Path.of(dir))) {
      manifests =
          s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
    }
    for (Path m : manifests) {
      outcomes.addAll(new ManifestRun(m).run());
    }
    report(outcomes, known, strict);
  }

  private static Map<String, String> knownFailures() throws IOException {
    Map<String, String> known = new LinkedHashMap<>();
    try (InputStream in = ReferenceTestsTest.class.getResourceAsStream("/cm-known-failures.txt")) {
      if (in == null) {
        return known;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int sp = line.indexOf(' ');
        known.put(
            sp < 0 ? line : line.substring(0, sp), sp < 0 ? "" : line.substring(sp + 1).strip());
      }
    }
    return known;
  }

  private static void report(List<Outcome> outcomes, Map<String, String> known, List<String> strict)
      throws IOException {
    Map<String, int[]> perFolder = new TreeMap<>();
    List<String> unexpectedFailures = new ArrayList<>();
    List<String> unexpectedPasses = new ArrayList<>();
    StringBuilder details = new StringBuilder();
    for (Outcome o : outcomes) {
      int[] c = perFolder.computeIfAbsent(o.folder(), k -> new int[3]);
      boolean listed = known.containsKey(o.key());
      if (o.passed()) {
        c[0]++;
        if (listed) {
          unexpectedPasses.add(o.key() + " passes: remove it from cm-known-failures.txt");
        }
      } else if (listed) {
        c[2]++;
        details
            .append("known  ")
            .append(o.key())
            .append(" (")
            .append(known.get(o.key()))
            .append("): ")
            .append(o.detail())
            .append('\n');
      } else {
        c[1]++;
        if (strict.contains(o.folder())) {
          unexpectedFailures.add(o.key() + ": " + o.detail());
        }
        details.append("FAIL   ").append(o.key()).append(": ").append(o.detail()).append('\n');
      }
    }
    StringBuilder table =
        new StringBuilder(
            "| folder | commands | pass | fail | known failures |\n|---|---|---|---|---|\n");
    for (Map.Entry<String, int[]> e : perFolder.entrySet()) {
      int[] c = e.getValue();
      table
          .append("| ")
          .append(e.getKey())
          .append(" | ")
          .append(c[0] + c[1] + c[2])
          .append(" | ")
          .append(c[0])
          .append(" | ")
          .append(c[1])
          .append(" | ")
          .append(c[2])
          .append(" |\n");
    }
    System.out.println(table);
    Path out = Path.of("target", "cm-tests-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table + "\n```\n" + details + "```\n");
    List<String> problems = new ArrayList<>(unexpectedFailures);
    problems.addAll(unexpectedPasses);
    if (!problems.isEmpty()) {
      fail(
          problems.size()
              + " unexpected outcomes (see target/cm-tests-report.md):\n  "
              + problems.stream().limit(60).collect(Collectors.joining("\n  ")));
    }
  }

  /** Runs the commands of one manifest in order, against the instances they create. */
  private static final class ManifestRun {
    private final Path manifest;
    private final String folder;
    private final Map<String, Component> definitions = new HashMap<>();
    private final Map<String, ComponentInstance<Object>> named = new HashMap<>();
    private ComponentInstance<Object> current;
    private final List<Outcome> outcomes = new ArrayList<>();
    private String source;

    ManifestRun(Path manifest) {
      this.manifest = manifest;
      this.folder = manifest.getParent().getFileName().toString();
    }

    List<Outcome> run() throws IOException {
      JsonNode root = JSON.readTree(manifest.toFile());
      source = root.path("source").asText(manifest.getFileName().toString());
      for (JsonNode c : root.path("commands")) {
        String type = c.path("type").asText();
        String key = source + ":" + c.path("line").asInt();
        try {
          command(type, c, key);
        } catch (Exception | AssertionError e) {
          outcomes.add(new Outcome(folder, key, false, type + ": " + e));
        }
      }
      return outcomes;
    }

    private Path file(JsonNode c) {
      return manifest.resolveSibling(c.path("filename").asText());
    }

    private void command(String type, JsonNode c, String key) throws Exception {
      switch (type) {
        case "component":
          current = null;
          current = instantiate(Component.load(file(c), ENGINE));
          if (!c.path("name").isNull() && !c.path("name").asText().isEmpty()) {
            named.put(c.path("name").asText(), current);
          }
          pass(key, true, "");
          break;
        case "definition":
          definitions.put(c.path("name").asText(), Component.load(file(c), ENGINE));
          pass(key, true, "");
          break;
        case "instance":
          Component definition = definitions.get(c.path("definition").asText());
          if (definition == null) {
            throw new IllegalStateException(
                "definition " + c.path("definition").asText() + " did not load");
          }
          current = instantiate(definition);
          if (!c.path("name").isNull()) {
            named.put(c.path("name").asText(), current);
          }
          pass(key, true, "");
          break;
        case "invoke":
          invoke(c);
          break;
        case "assert_return":
          assertReturn(c, key);
          break;
        case "assert_trap":
          assertTrap(c, key);
          break;
        case "assert_invalid":
        case "assert_malformed":
        case "assert_unlinkable":
          assertFailsToLoad(c, key, type);
          break;
        case "skipped":
          // Text the spec marks malformed never becomes bytes: nothing for a runtime to check.
          if (!c.path("reason").asText().contains("rejected by the text parser, as expected")) {
            outcomes.add(
                new Outcome(folder, key, false, "not converted: " + c.path("reason").asText()));
          }
          break;
        default:
          outcomes.add(new Outcome(folder, key, false, "unknown command " + type));
      }
    }

    private static ComponentInstance<Object> instantiate(Component component)
        throws ComponentException {
      return new Linker<Object>().instantiatePre(component).instantiate();
    }

    private ComponentInstance<Object> target(JsonNode c) {
      JsonNode i = c.path("instance");
      ComponentInstance<Object> inst =
          i.isNull() || i.isMissingNode() ? current : named.get(i.asText());
      if (inst == null) {
        throw new IllegalStateException("no instance to invoke");
      }
      return inst;
    }

    private Val invoke(JsonNode c) throws Exception {
      ComponentInstance<Object> inst = target(c);
      String name = c.path("func").asText();
      Func f = inst.func(name);
      if (f == null) {
        throw new IllegalStateException("no export " + name);
      }
      List<Val> args = new ArrayList<>();
      JsonNode a = c.path("args");
      for (int i = 0; i < a.size(); i++) {
        args.add(Wave.parse(a.get(i).asText(), f.type().params().get(i).type()));
      }
      return f.call(args);
    }

    private void assertReturn(JsonNode c, String key) throws Exception {
      Val result = invoke(c);
      JsonNode expected = c.path("expected");
      ComponentInstance<Object> inst = target(c);
      Func f = inst.func(c.path("func").asText());
      if (expected.size() == 0) {
        pass(key, result == null, "expected no result, got " + result);
      } else {
        Val want = Wave.parse(expected.get(0).asText(), f.type().result());
        pass(
            key,
            want.equals(result),
            "expected "
                + Wave.print(want)
                + ", got "
                + (result == null ? "nothing" : Wave.print(result)));
      }
    }

    private void assertTrap(JsonNode c, String key) throws Exception {
      String text = c.path("text").asText().replaceFirst("^wasm trap: ", "");
      try {
        if (c.has("filename")) {
          instantiate(Component.load(file(c), ENGINE));
        } else {
          invoke(c);
        }
        pass(key, false, "expected trap \"" + text + "\", but it returned");
      } catch (Trap t) {
        pass(
            key,
            t.reason().contains(text),
            "expected trap \"" + text + "\", got \"" + t.reason() + "\"");
      } catch (ComponentException e) {
        boolean ok =
            e.kind() == ComponentException.Kind.UNINSTANTIABLE && e.getMessage().contains(text);
        pass(key, ok, "expected trap \"" + text + "\", got " + e.getMessage());
      }
    }

    private void assertFailsToLoad(JsonNode c, String key, String type) {
      ComponentException.Kind want =
          type.equals("assert_malformed")
              ? ComponentException.Kind.MALFORMED
              : type.equals("assert_invalid")
                  ? ComponentException.Kind.INVALID
                  : ComponentException.Kind.UNLINKABLE;
      try {
        instantiate(Component.load(file(c), ENGINE));
        pass(
            key,
            false,
            "expected " + want + " (\"" + c.path("text").asText() + "\"), but it loaded");
      } catch (ComponentException e) {
        pass(
            key,
            e.kind() == want
                || (want == ComponentException.Kind.MALFORMED
                    && e.kind() == ComponentException.Kind.INVALID),
            "expected " + want + " (\"" + c.path("text").asText() + "\"), got " + e.getMessage());
      } catch (Exception e) {
        pass(key, false, "expected " + want + ", got " + e);
      }
    }

    private void pass(String key, boolean ok, String detail) {
      outcomes.add(new Outcome(folder, key, ok, ok ? "" : detail));
    }
  }
}
