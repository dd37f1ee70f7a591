package dev.wasihttp.it;

import dev.wasihttp.http.ExchangeHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code WasiHttpServlet} to mount: its context path ({@code ""} for the root), servlet name,
 * URL pattern ({@code /} or {@code /prefix/*}), init-params, optionally a Java handler that
 * replaces the component (then the init-params still configure everything else), and the attributes
 * its ServletContext holds before the servlet starts (as an application's listener would set them).
 */
public record Deployment(
    String contextPath,
    String servletName,
    String mapping,
    Map<String, String> initParams,
    ExchangeHandler handler,
    Map<String, Object> contextAttributes) {

  /**
   * The system property {@code it.engine} ({@code interpreter}, {@code compiler}, {@code auto}),
   * when set, is the {@code engine} init-param of every deployment that names none: {@code ./mvnw
   * -B verify -pl it-tests/jetty,it-tests/tomcat -am -Dit.engine=interpreter} runs the end-to-end
   * tests in that mode instead of the default.
   */
  public Deployment {
    String engine = System.getProperty("it.engine");
    if (engine != null && !engine.isBlank() && !initParams.containsKey("engine")) {
      initParams = new LinkedHashMap<>(initParams);
      initParams.put("engine", engine);
    }
  }

  /** A deployment without context attributes. */
  public Deployment(
      String contextPath,
      String servletName,
      String mapping,
      Map<String, String> initParams,
      ExchangeHandler handler) {
    this(contextPath, servletName, mapping, initParams, handler, Map.of());
  }

  /** A deployment configured by init-params alone, as web.xml would. */
  public static Deployment component(
      String contextPath, String servletName, String mapping, Map<String, String> initParams) {
    return new Deployment(contextPath, servletName, mapping, initParams, null);
  }

  /** The init-params plus one more. */
  public Deployment with(String name, String value) {
    Map<String, String> params = new LinkedHashMap<>(initParams);
    params.put(name, value);
    return new Deployment(contextPath, servletName, mapping, params, handler, contextAttributes);
  }

  /** The context attributes plus one more. */
  public Deployment withContextAttribute(String name, Object value) {
    Map<String, Object> attributes = new LinkedHashMap<>(contextAttributes);
    attributes.put(name, value);
    return new Deployment(contextPath, servletName, mapping, initParams, handler, attributes);
  }

  /** The path prefix of this servlet's requests ({@code /shop/app} for {@code /app/*}). */
  public String prefix() {
    String m = mapping.endsWith("/*") ? mapping.substring(0, mapping.length() - 2) : "";
    return contextPath + m;
  }
}
