package dev.wasihttp.servlet.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.servlet.WasiHttpServlet;
import dev.wasihttp.servlet.WasiHttpServletOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The meters of servlets in service: each reads its servlet's figures when polled. */
class WasiHttpMetricsTest {
  /**
   * The C sample defines 17 core functions: all of them run on the interpreter with {@code engine}
   * {@code interpreter}, none once compiled; a servlet not started yet reads 0.
   */
  @Test
  void theInterpretedFunctionsGaugeReadsWhatTheComponentLeftToTheInterpreter() throws Exception {
    WasiHttpServlet interpreted =
        new WasiHttpServlet(options("interpreted", EngineMode.INTERPRETER));
    WasiHttpServlet compiled = new WasiHttpServlet(options("compiled", EngineMode.COMPILER));
    MeterRegistry registry = new SimpleMeterRegistry();
    new WasiHttpMetrics(Map.of("interpreted", interpreted, "compiled", compiled)).bindTo(registry);
    assertEquals(0.0, interpretedFunctions(registry, "interpreted"), "not loaded yet");

    interpreted.init(config("interpreted"));
    compiled.init(config("compiled"));
    try {
      assertEquals(17.0, interpretedFunctions(registry, "interpreted"));
      assertEquals(0.0, interpretedFunctions(registry, "compiled"));
    } finally {
      interpreted.destroy();
      compiled.destroy();
    }
  }

  private static double interpretedFunctions(MeterRegistry registry, String component) {
    return registry
        .get(WasiHttpMetrics.INTERPRETED_FUNCTIONS)
        .tag("component", component)
        .gauge()
        .value();
  }

  private static WasiHttpServletOptions options(String name, EngineMode engine) {
    return WasiHttpServletOptions.builder()
        .component(ComponentServletsTest.HELLO_C)
        .componentName(name)
        .engine(WasiHttpServletOptions.engineOptions(engine, "none"))
        .build();
  }

  /** A servlet {@code name} in the context {@code /metrics-test}, whose log goes nowhere. */
  private static ServletConfig config(String name) {
    ServletContext context =
        (ServletContext)
            Proxy.newProxyInstance(
                WasiHttpMetricsTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) ->
                    method.getName().equals("getContextPath") ? "/metrics-test" : null);
    return (ServletConfig)
        Proxy.newProxyInstance(
            WasiHttpMetricsTest.class.getClassLoader(),
            new Class<?>[] {ServletConfig.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getServletContext" -> context;
                  case "getServletName" -> name;
                  case "getInitParameterNames" -> Collections.emptyEnumeration();
                  default -> null;
                });
  }
}
