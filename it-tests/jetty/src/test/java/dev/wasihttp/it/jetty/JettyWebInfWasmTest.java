package dev.wasihttp.it.jetty;

import dev.wasihttp.it.WebAppFixture;
import dev.wasihttp.it.WebInfWasmScenarios;

/** Components in WEB-INF/wasm, mounted by Jetty 12 (ee10)'s own discovery of the initializer. */
class JettyWebInfWasmTest extends WebInfWasmScenarios {
  @Override
  protected WebAppFixture newFixture() {
    return new JettyWebAppFixture();
  }

  @Override
  protected Class<?> annotatedServlet() {
    return AnnotatedHelloServlet.class;
  }
}
