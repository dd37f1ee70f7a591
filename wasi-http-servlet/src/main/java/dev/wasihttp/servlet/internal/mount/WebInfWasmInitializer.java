package dev.wasihttp.servlet.internal.mount;

import dev.wasihttp.servlet.ChainMember;
import dev.wasihttp.servlet.InitParams;
import dev.wasihttp.servlet.WasiHttpServlet;
import dev.wasihttp.servlet.WasiHttpServletOptions;
import dev.wasihttp.servlet.internal.load.ComponentLoading;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.util.List;
import java.util.Set;

/**
 * Serves every component dropped into a web application's {@code /WEB-INF/wasm/} without code or
 * web.xml: {@code /WEB-INF/wasm/NAME.wasm} becomes a {@link WasiHttpServlet} named {@code
 * wasm:NAME} at {@code /NAME/*}. The container finds this initializer by its own discovery ({@code
 * META-INF/services/jakarta.servlet.ServletContainerInitializer} in the servlet module's jar) and
 * calls it when the web application starts, before its servlets.
 *
 * <p>Such a servlet strips its servlet path ({@value InitParams#STRIP_SERVLET_PATH} {@code true}),
 * so a component written for {@code /} sees {@code /} for {@code /CONTEXT/NAME/} and {@code
 * /hello?x=1} for {@code /CONTEXT/NAME/hello?x=1}. Every component, and every member its {@value
 * InitParams#CHAIN} setting names, is read and decoded before anything is registered, so one that
 * cannot be (e.g. {@code component bad (/WEB-INF/wasm/bad.wasm) failed to load: malformed component
 * at byte 9 ...}) fails the web application's deployment in any container. The servlets load on
 * startup, where one that decodes but cannot be linked fails its init as a declared one does.
 *
 * <p>Its init-params come from {@code /WEB-INF/wasm/NAME.properties} (keys are the servlet's
 * init-param names, read as UTF-8) and from the context-params {@code wasi-http.NAME.INIT-PARAM},
 * which win over the file: the file ships in the WAR, a context-param may be set by the operator
 * outside it. A key that is no init-param, or a value the servlet would refuse, fails the
 * deployment with a message naming the file or context-param.
 *
 * <p>A component is left out (with a line in the log) when a declared servlet or filter (web.xml,
 * {@code @WebServlet}, or registered before this initializer runs) names it in its {@code
 * component} init-param: that declaration's mapping and the security constraints on it are never
 * bypassed by a second mapping. Likewise when the {@value InitParams#CHAIN} setting of another
 * mounted component, or the {@code chain} init-param of a declared servlet or filter, names it: a
 * chain member is reached only through the members before it, which may check what it does not. It
 * is also left out when a servlet named {@code wasm:NAME} exists or {@code /NAME/*} is mapped, and
 * when NAME is not one URL path segment as it is.
 *
 * <p>Context-params: {@value #MOUNT} ({@code false} mounts nothing; default {@code true}) and
 * {@value #PREFIX} (a path such as {@code /wasm} that mounts at {@code /wasm/NAME/*}; default
 * none).
 */
public final class WebInfWasmInitializer implements ServletContainerInitializer {
  /** The directory whose {@code NAME.wasm} files are mounted. */
  public static final String DIRECTORY = "/WEB-INF/wasm/";

  /** The prefix of this initializer's context-params. */
  public static final String PARAM_PREFIX = "wasi-http.";

  /** Context-param: {@code false} mounts nothing; default {@code true}. */
  public static final String MOUNT = PARAM_PREFIX + "mount";

  /** Context-param: the path under which components are mounted ({@code /PREFIX/NAME/*}). */
  public static final String PREFIX = PARAM_PREFIX + "prefix";

  /** Called by the container through its service discovery. */
  public WebInfWasmInitializer() {}

  /**
   * Registers a servlet for every component of {@link #DIRECTORY} that is to be mounted.
   *
   * @param classes unused (no {@code @HandlesTypes})
   * @throws ServletException when a context-param or properties file holds an invalid setting
   */
  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
    List<WasmMounts.Mount> mounts = WasmMounts.plan(context, line -> log(context, line));
    // Decoded before anything is registered, so a component that cannot be decoded fails the
    // deployment in every container (one whose servlet fails init may not: Jetty and Tomcat run on
    // with it unavailable). The members its chain setting names are decoded too, as its servlet
    // will decode them. The servlet takes the decoded components from ComponentCache, so nothing is
    // decoded twice; but with reload, which decodes its own, this copy is dropped at once.
    for (WasmMounts.Mount m : mounts) {
      WasiHttpServletOptions o = m.options();
      decode(context, o.componentName(), o.component(), o);
      for (ChainMember member : o.chain()) {
        decode(context, member.name(), member.location(), o);
      }
    }
    for (WasmMounts.Mount m : mounts) {
      ServletRegistration.Dynamic servlet =
          context.addServlet(m.servletName(), WasiHttpServlet.class);
      if (servlet == null) {
        log(
            context,
            "not mounting " + m.location() + ": a servlet named " + m.servletName() + " exists");
        continue;
      }
      servlet.setInitParameters(m.initParams());
      servlet.setLoadOnStartup(1);
      Set<String> conflicts = servlet.addMapping(m.pattern());
      if (!conflicts.isEmpty()) {
        // Checked before: only a registration made meanwhile gets here, and a servlet cannot be
        // unregistered, so the deployment fails rather than leave it half mounted.
        throw new ServletException(
            m.location() + " cannot be mounted: " + m.pattern() + " is mapped already");
      }
      log(
          context,
          "mounted "
              + m.location()
              + " at "
              + m.pattern()
              + " (servlet "
              + m.servletName()
              + ", settings: "
              + m.settings()
              + ")");
    }
  }

  /**
   * Reads and decodes the component {@code name} at {@code location} with the engine of {@code
   * options}, as the servlet with those options will, failing with the servlet's message (e.g.
   * {@code component NAME (LOCATION) failed to load: malformed component at byte 9 ...}).
   */
  private static void decode(
      ServletContext context, String name, String location, WasiHttpServletOptions options)
      throws ServletException {
    try {
      ComponentLoading.decode(
          ComponentLoading.bytes(name, location, context),
          name,
          location,
          options.engine(),
          (level, line) -> {}, // what the servlet says of the decoded component, it says itself
          !options.reload());
    } catch (ServletException e) {
      // Said here too, so the reason is in the context's log whatever the container prints.
      log(context, e.getMessage());
      throw e;
    }
  }

  private static void log(ServletContext context, String line) {
    context.log("[wasi-http] " + line);
  }
}
