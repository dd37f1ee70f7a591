package dev.wasihttp.it;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.List;
import java.util.Map;

/**
 * A web application of filters and servlets to mount at {@code contextPath} ({@code ""} for the
 * root), in order: each filter is mapped for {@code REQUEST} dispatches, the first mounted running
 * first. A filter without an instance is a {@code WasiHttpFilter} configured by its init-params, as
 * web.xml would.
 */
public record WebApp(String contextPath, List<Mount> mounts) {
  /** One filter or servlet. */
  public sealed interface Mount permits FilterMount, ServletMount {}

  /** A filter named {@code name} at URL pattern {@code pattern}. */
  public record FilterMount(
      String name, Filter filter, Map<String, String> initParams, String pattern)
      implements Mount {}

  /** A servlet named {@code name} at URL pattern {@code pattern}. */
  public record ServletMount(String name, Servlet servlet, String pattern) implements Mount {}

  /** A {@code WasiHttpFilter} configured by {@code initParams}. */
  public static FilterMount wasiHttpFilter(
      String name, String pattern, Map<String, String> initParams) {
    return new FilterMount(name, null, initParams, pattern);
  }

  /** A Java filter. */
  public static FilterMount filter(String name, String pattern, Filter filter) {
    return new FilterMount(name, filter, Map.of(), pattern);
  }

  /** A Java servlet. */
  public static ServletMount servlet(String name, String pattern, Servlet servlet) {
    return new ServletMount(name, servlet, pattern);
  }
}
