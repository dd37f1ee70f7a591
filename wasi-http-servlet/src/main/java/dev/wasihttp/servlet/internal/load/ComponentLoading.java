package dev.wasihttp.servlet.internal.load;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.ComponentCache;
import dev.wasihttp.component.EngineOptions;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import dev.wasihttp.http.proxy.WasiHttpHandler;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The steps from a component's location to the handler a servlet or filter calls: read, decode,
 * link. Each failure is an {@link UnavailableException} whose message names the component ({@code
 * name}, and its {@code location}) and says which step failed with the loader's message.
 */
public final class ComponentLoading {
  private ComponentLoading() {}

  /** The bytes at {@code location} (see {@link #read}); fails naming the component. */
  public static byte[] bytes(String name, String location, ServletContext context)
      throws ServletException {
    try {
      return read(location, context);
    } catch (IOException e) {
      throw unavailable(
          "component " + name + " (" + location + ") cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes the component's bytes, through the JVM's {@link ComponentCache} when {@code shared}
   * (servlets serving the same bytes share one decoded component); a reloading servlet decodes its
   * own, so that a version it drops takes its compiled classes with it. What the compiler left to
   * the interpreter is logged once, here, at {@code WARN}.
   */
  public static Component decode(
      byte[] bytes, String name, String location, EngineOptions engine, LogSink log, boolean shared)
      throws ServletException {
    Component component;
    try {
      component = shared ? ComponentCache.decode(bytes, engine) : Component.decode(bytes, engine);
    } catch (ComponentException e) {
      throw unavailable(
          "component " + name + " (" + location + ") failed to load: " + e.getMessage(), e);
    }
    if (!component.interpretedFunctions().isEmpty()) {
      // What the compiler left to the interpreter (a function too large for a JVM method, a module
      // too large to compile at load): said once per load, here.
      log.log(
          LogSink.Level.WARN,
          "["
              + name
              + "] left to the interpreter: "
              + component.interpretedFunctionCount()
              + " of "
              + component.coreFunctionCount()
              + " core functions: "
              + component.interpretedFunctions());
    }
    return component;
  }

  /** Links the decoded component into a handler with the wasi:http host's {@code config}. */
  public static WasiHttpHandler link(
      Component component, WasiHttpConfig config, String name, String location)
      throws ServletException {
    WasiHttpHandler handler;
    try {
      handler = WasiHttpHandler.create(component, config);
    } catch (ComponentException e) {
      throw unavailable(
          "component " + name + " (" + location + ") cannot be linked: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // The outgoing HTTP client starts here when the policy allows anything.
      throw unavailable("component " + name + " cannot start: " + e.getMessage(), e);
    }
    return handler;
  }

  /**
   * Permanently unavailable: containers mark the servlet so (503) rather than retrying its init on
   * every request, and fail the deployment unless told to start with unavailable servlets.
   */
  public static UnavailableException unavailable(String message, Throwable cause) {
    UnavailableException e = new UnavailableException(message);
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  /** {@code /WEB-INF/…} from the web application, {@code classpath:…}, else a file path. */
  public static byte[] read(String location, ServletContext context) throws IOException {
    if (location.startsWith("/WEB-INF/")) {
      try (InputStream in = context.getResourceAsStream(location)) {
        if (in == null) {
          throw new IOException("no such resource in the web application");
        }
        return in.readAllBytes();
      }
    }
    if (location.startsWith("classpath:")) {
      String resource = location.substring("classpath:".length());
      while (resource.startsWith("/")) {
        resource = resource.substring(1);
      }
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      InputStream in = loader == null ? null : loader.getResourceAsStream(resource);
      if (in == null) {
        in = ComponentLoading.class.getClassLoader().getResourceAsStream(resource);
      }
      if (in == null) {
        throw new IOException("no such class-path resource");
      }
      try (InputStream closing = in) {
        return closing.readAllBytes();
      }
    }
    Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    return Files.readAllBytes(path);
  }
}
