package dev.wasihttp.servlet.spring;

import dev.wasihttp.servlet.WasiHttpServlet;
import dev.wasihttp.servlet.WasiHttpServletOptions;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.SmartLifecycle;

/**
 * The servlets of the configured components: made (their options parsed, so a malformed setting
 * fails the start at once) when the bean is created, added to the web server's context when it
 * starts, loaded by the container on startup. Once the web server has started, {@link #start()}
 * fails the application's start with the reason of a component that did not load (Tomcat only logs
 * a servlet's failed start, and the servlet would answer 404 or 503).
 */
final class ComponentServlets implements ServletContextInitializer, SmartLifecycle {
  private final Map<String, ComponentServlet> servlets = new LinkedHashMap<>();
  private final Map<String, List<String>> paths = new LinkedHashMap<>();
  private volatile boolean running;

  ComponentServlets(WasiHttpProperties properties) {
    properties.getComponents().forEach(this::add);
  }

  /** Parses one component's settings (as its servlet would its init-params) into its servlet. */
  private void add(String name, WasiHttpProperties.Component component) {
    String key = WasiHttpProperties.PREFIX + ".components." + name;
    if (component.getLocation() == null || component.getLocation().isBlank()) {
      throw new IllegalArgumentException(key + ".location: not set (the component)");
    }
    Map<String, String> params = component.initParameters(name);
    WasiHttpServletOptions options;
    try {
      options = WasiHttpServletOptions.fromInitParameters(params.keySet(), params::get);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
    servlets.put(name, new ComponentServlet(options));
    paths.put(
        name, component.getPath().isEmpty() ? List.of("/" + name + "/*") : component.getPath());
  }

  /** The servlets by component name, in the order configured. */
  Map<String, ? extends WasiHttpServlet> servlets() {
    return Collections.unmodifiableMap(servlets);
  }

  @Override
  public void onStartup(ServletContext context) throws ServletException {
    for (Map.Entry<String, ComponentServlet> e : servlets.entrySet()) {
      String name = e.getKey();
      String key = WasiHttpProperties.PREFIX + ".components." + name;
      ServletRegistration.Dynamic registration = context.addServlet(name, e.getValue());
      if (registration == null) {
        throw new IllegalStateException(key + ": a servlet named " + name + " exists already");
      }
      // Loaded as the server starts, so its failure shows at start and its counters are there.
      registration.setLoadOnStartup(1);
      Set<String> taken = registration.addMapping(paths.get(name).toArray(String[]::new));
      if (!taken.isEmpty()) {
        throw new IllegalStateException(key + ".path: mapped to another servlet already: " + taken);
      }
    }
  }

  /** Fails with the first component that did not load, its message as the servlet logged it. */
  @Override
  public void start() {
    for (ComponentServlet servlet : servlets.values()) {
      Throwable failure = servlet.failure;
      if (failure != null) {
        throw new IllegalStateException(failure.getMessage(), failure);
      }
    }
    running = true;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** After the web server's start (a lower phase), which loads the servlets. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }

  /** A servlet that remembers why its {@code init()} failed. */
  static final class ComponentServlet extends WasiHttpServlet {
    private static final long serialVersionUID = 1L;

    private transient volatile Throwable failure;

    ComponentServlet(WasiHttpServletOptions options) {
      super(options);
    }

    @Override
    public void init() throws ServletException {
      try {
        super.init();
      } catch (ServletException | RuntimeException | Error e) {
        // An Error too: a class of the wrong version on the application's class path.
        failure = e;
        throw e;
      }
    }
  }
}
