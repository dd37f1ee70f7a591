package dev.wasihttp.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.servlet.spring.WasiHttpProperties;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every init-param the servlet reads can be set from {@code application.properties}: a new
 * init-param without its Spring Boot property fails here.
 */
class BootPropertiesCoverageTest {
  @Test
  void everyInitParamIsABootProperty() throws Exception {
    WasiHttpProperties.Component c = new WasiHttpProperties.Component();
    for (Method m : WasiHttpProperties.Component.class.getMethods()) {
      if (m.getName().startsWith("set") && m.getParameterCount() == 1) {
        Class<?> type = m.getParameterTypes()[0];
        if (type == String.class) {
          m.invoke(c, "x");
        } else if (type == List.class) {
          m.invoke(c, List.of("x"));
        }
      }
    }
    Method initParameters =
        WasiHttpProperties.Component.class.getDeclaredMethod("initParameters", String.class);
    initParameters.setAccessible(true);
    @SuppressWarnings("unchecked")
    Map<String, String> params = (Map<String, String>) initParameters.invoke(c, "name");

    Set<String> missing = new TreeSet<>(InitParams.NAMES);
    missing.removeAll(params.keySet());
    assertEquals(Set.of(), missing, "init-params with no wasi-http.components.NAME property");
  }
}
