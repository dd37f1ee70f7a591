package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.WebAppFixture;
import dev.wasihttp.it.WebInfWasmScenarios;

/** Components in WEB-INF/wasm, mounted by Tomcat 11's own discovery of the initializer. */
class TomcatWebInfWasmTest extends WebInfWasmScenarios {
  @Override
  protected WebAppFixture newFixture() {
    return new TomcatWebAppFixture();
  }

  @Override
  protected Class<?> annotatedServlet() {
    return AnnotatedHelloServlet.class;
  }
}
