package dev.wasihttp.bench;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.ComponentInstance;
import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.EngineOptions;
import dev.wasihttp.component.InstancePre;
import dev.wasihttp.component.Linker;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.wasi.WasiView;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a request pays before its guest runs: {@link InstancePre#instantiate()} of a sample
 * component, linked once against a host whose imports all trap (so only the runtime's own work is
 * measured, no guest call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InstantiateBenchmark {
  @Param({"hello-c", "hello-libc", "hello-js"})
  public String sample;

  /**
   * {@code interpreter} or {@code auto} (the servlet's default: the C samples compiled, hello-js's
   * main module compiled only when its build-time jar is on the class path).
   */
  @Param({"interpreter", "auto"})
  public String engine;

  private InstancePre<WasiView> pre;

  @Setup
  public void link() throws IOException, ComponentException {
    String resource = "/" + sample + "/" + sample + ".wasm";
    byte[] bytes;
    try (InputStream in = InstantiateBenchmark.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no sample " + resource + " in the jar");
      }
      bytes = in.readAllBytes();
    }
    pre =
        new Linker<WasiView>()
            .trapUnknownImports(true)
            .instantiatePre(Component.decode(bytes, EngineOptions.of(EngineMode.parse(engine))));
  }

  @Benchmark
  public ComponentInstance<WasiView> instantiate() throws ComponentException {
    return pre.instantiate();
  }
}
