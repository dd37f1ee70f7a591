package dev.wasihttp.it.jetty;

import dev.wasihttp.servlet.WasiHttpServlet;
import jakarta.servlet.annotation.WebInitParam;
import jakarta.servlet.annotation.WebServlet;

/**
 * hello-c declared by annotation: copied into a web application's {@code WEB-INF/classes} by {@code
 * WebInfWasmScenarios}, where Jetty's annotation scan finds it.
 */
@WebServlet(
    urlPatterns = "/annotated/*",
    loadOnStartup = 1,
    initParams = {
      @WebInitParam(name = "component", value = "/WEB-INF/wasm/hello-c.wasm"),
      @WebInitParam(name = "stripServletPath", value = "true")
    })
public class AnnotatedHelloServlet extends WasiHttpServlet {
  private static final long serialVersionUID = 1L;
}
