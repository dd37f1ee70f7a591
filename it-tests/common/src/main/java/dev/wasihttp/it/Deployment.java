package dev.wasihttp.it;

import dev.wasihttp.servlet.ExchangeHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code WasiHttpServlet} to mount: its context path ({@code ""} for the root), servlet name,
 * URL pattern ({@code /} or {@code /prefix/*}), init-params, and optionally a Java handler that
 * replaces the component (then the init-params still configure everything else).
 */
public record Deployment(
    String contextPath,
    String servletName,
    String mapping,
    Map<String, String> initParams,
    ExchangeHandler handler) {

  /** A deployment configured by init-params alone, as web.xml would. */
  public static Deployment component(
      String contextPath, String servletName, String mapping, Map<String, String> initParams) {
    return new Deployment(contextPath, servletName, mapping, initParams, null);
  }

  /** The init-params plus one more. */
  public Deployment with(String name, String value) {
    Map<String, String> params = new LinkedHashMap<>(initParams);
    params.put(name, value);
    return new Deployment(contextPath, servletName, mapping, params, handler);
  }

  /** The path prefix of this servlet's requests ({@code /shop/app} for {@code /app/*}). */
  public String prefix() {
    String m = mapping.endsWith("/*") ? mapping.substring(0, mapping.length() - 2) : "";
    return contextPath + m;
  }
}
