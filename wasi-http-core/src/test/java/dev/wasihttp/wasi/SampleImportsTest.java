package dev.wasihttp.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.Component;
import dev.wasihttp.wasi.host.WasiHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every WASI function the real samples import (all but wasi:http) is implemented by the host: read
 * from the world each sample prints, whatever 0.2.x version it asks for.
 */
class SampleImportsTest {
  private static final Pattern PACKAGE =
      Pattern.compile("^package (wasi:[a-z-]+)@0\\.2\\.\\d+ \\{");
  private static final Pattern INTERFACE = Pattern.compile("^  interface ([a-z-]+) \\{");
  private static final Pattern RESOURCE = Pattern.compile("^    resource ([a-z-]+)( \\{)?;?$");
  private static final Pattern FUNC = Pattern.compile("^ +%?([a-z-]+): (static )?func\\(");
  private static final Pattern CONSTRUCTOR = Pattern.compile("^      constructor\\(");

  @ParameterizedTest
  @CsvSource({"hello-libc/hello-libc.wasm, 20", "hello-js/hello-js.wasm, 39"})
  void everyWasiImportIsImplemented(String sample, int expected) throws Exception {
    Component c = Component.load(Path.of("..", "samples", "components").resolve(sample));
    List<String> imported = wasiFunctions(c.wit());
    Set<String> defined = new HashSet<>(WasiHarness.functionNames());
    List<String> missing = new ArrayList<>();
    for (String f : imported) {
      if (!defined.contains(f)) {
        missing.add(f);
      }
    }
    assertEquals(List.of(), missing);
    assertEquals(expected, imported.size(), () -> "functions: " + imported);
  }

  /** {@code wasi:PKG/IFACE@0.2.12#NAME} of every function outside wasi:http in {@code wit}. */
  static List<String> wasiFunctions(String wit) {
    List<String> out = new ArrayList<>();
    String pkg = null;
    String iface = null;
    String resource = null;
    for (String line : wit.split("\n")) {
      Matcher m;
      if ((m = PACKAGE.matcher(line)).find()) {
        pkg = m.group(1).equals("wasi:http") ? null : m.group(1);
      } else if (line.startsWith("package ")) {
        pkg = null;
      } else if (pkg == null) {
        continue;
      } else if ((m = INTERFACE.matcher(line)).find()) {
        iface = pkg + "/" + m.group(1) + "@" + WasiHost.VERSION + "#";
        resource = null;
      } else if ((m = RESOURCE.matcher(line)).find()) {
        resource = m.group(2) == null ? null : m.group(1);
      } else if (line.equals("    }")) {
        resource = null;
      } else if (CONSTRUCTOR.matcher(line).find()) {
        out.add(iface + "[constructor]" + resource);
      } else if ((m = FUNC.matcher(line)).find()) {
        String name = m.group(1);
        if (resource == null) {
          out.add(iface + name);
        } else {
          out.add(iface + (m.group(2) != null ? "[static]" : "[method]") + resource + "." + name);
        }
      }
    }
    return out;
  }
}
