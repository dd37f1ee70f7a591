package dev.wasihttp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.values.Val;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One decoded component and one {@link InstancePre} serve many threads at once: each thread gets
 * its own instance, with its own memory and handle table, and sees only its own state.
 */
class ConcurrentInstantiationTest {

  @Test
  void instancesFromOneInstancePreAreIndependent() throws Exception {
    Component component = Component.load(Path.of("src/test/resources/components/calculator.wasm"));
    InstancePre<Object> pre =
        new Linker<Object>()
            .func("host:demo/log@0.1.0", "log", (caller, args) -> null)
            .instantiatePre(component);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int t = 0; t < 32; t++) {
        int id = t;
        results.add(
            pool.submit(
                () -> {
                  ComponentInstance<Object> i = pre.instantiate(id);
                  StringBuilder seen = new StringBuilder();
                  for (int k = 0; k < 20; k++) {
                    Val.Own c = (Val.Own) i.func("counter-new").call(new Val.U32(id * 100 + k));
                    seen.append(((Val.U32) i.func("counter-consume").call(c)).value()).append(',');
                  }
                  // Each instance counts only its own destructor runs.
                  seen.append(((Val.U32) i.func("drops").call()).value());
                  seen.append(':')
                      .append(((Val.Str) i.func("greet").call(new Val.Str("t" + id))).value());
                  return seen.toString();
                }));
      }
      for (int t = 0; t < 32; t++) {
        StringBuilder want = new StringBuilder();
        for (int k = 0; k < 20; k++) {
          want.append(t * 100 + k).append(',');
        }
        want.append(20).append(":hi t").append(t);
        assertEquals(want.toString(), results.get(t).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
