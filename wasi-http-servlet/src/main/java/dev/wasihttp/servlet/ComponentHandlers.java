package dev.wasihttp.servlet;

import static dev.wasihttp.servlet.internal.load.ComponentLoading.unavailable;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.ComponentCache;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.http.ExchangeHandler;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.jetty.JettyOutgoingHandler;
import dev.wasihttp.http.proxy.WasiHttpChain;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import dev.wasihttp.http.proxy.WasiHttpHandler;
import dev.wasihttp.servlet.internal.load.ComponentLoading;
import dev.wasihttp.servlet.internal.load.TrustStores;
import dev.wasihttp.servlet.internal.reload.ComponentWatcher;
import dev.wasihttp.servlet.internal.reload.ReloadingHandler;
import dev.wasihttp.servlet.internal.reload.SharedOutgoingHandler;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.HttpClient;

/**
 * Loads the configured component and links it into the handler the servlet calls: once, as a chain,
 * or reloading.
 */
final class ComponentHandlers {
  private ComponentHandlers() {}

  /**
   * Reads, decodes and links the component, and the components chained after it if any (then the
   * handler is a {@link WasiHttpChain}); every failure names the component.
   */
  static ExchangeHandler load(WasiHttpServletOptions options, ServletContext context, LogSink log)
      throws ServletException {
    Component component = decode(bytes(options, context), options, log, true);
    WasiHttpServletOptions resolved = outbound(options, context);
    if (options.chain().isEmpty()) {
      return link(component, resolved, log);
    }
    List<WasiHttpChain.Member> members = new ArrayList<>();
    members.add(new WasiHttpChain.Member(component, config(resolved, log)));
    for (ChainMember m : options.chain()) {
      // Each member runs with the servlet's options under a name of its own.
      WasiHttpServletOptions own =
          resolved.toBuilder()
              .componentName(m.name())
              .chain(List.of())
              .component(m.location())
              .build();
      Component chained = decode(bytes(own, context), own, log, true);
      members.add(new WasiHttpChain.Member(chained, config(own, log)));
    }
    try {
      return WasiHttpChain.create(members);
    } catch (ComponentException e) {
      throw unavailable(
          "the chain of component "
              + options.componentName()
              + " cannot be linked: "
              + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      throw unavailable(
          "the chain of component " + options.componentName() + " cannot start: " + e.getMessage(),
          e);
    }
  }

  /**
   * The handler of a servlet whose options ask to {@code reload}: a {@link ReloadingHandler}
   * watching the component's file, or, when the component is no file (a class-path resource, a web
   * application the container keeps packed), the component loaded once, after a {@code WARN} line
   * saying why it cannot be watched.
   *
   * @throws ServletException as {@link #load} does
   */
  static ExchangeHandler loadReloading(
      WasiHttpServletOptions options, ServletContext context, LogSink log) throws ServletException {
    String location = options.component();
    if (location == null) {
      return load(options, context, log); // fails, saying so
    }
    ComponentWatcher.Location where = ComponentWatcher.locate(location, context);
    if (where.file() == null) {
      log.log(
          LogSink.Level.WARN,
          "["
              + options.componentName()
              + "] reload: cannot watch "
              + location
              + ": "
              + where.unwatchable()
              + "; not reloading");
      return load(options, context, log);
    }
    ReloadingHandler handler = openReloading(where.file(), options, context, log);
    handler.watch(options.reloadInterval());
    return handler;
  }

  /**
   * A {@link ReloadingHandler} serving {@code file} as version 1, its watcher not polled yet.
   *
   * @throws ServletException as {@link #load} does
   */
  static ReloadingHandler openReloading(
      Path file, WasiHttpServletOptions options, ServletContext context, LogSink log)
      throws ServletException {
    String name = options.componentName();
    ComponentWatcher.Stamp stamp;
    byte[] bytes;
    try {
      stamp = ComponentWatcher.Stamp.of(file); // before the read: a write after it is a change
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw unavailable(
          "component " + name + " (" + options.component() + ") cannot be read: " + e, e);
    }
    WasiHttpServletOptions resolved = outbound(options, context);
    SharedOutgoingHandler outgoing = new SharedOutgoingHandler(resolved.http().outgoingHandler());
    WasiHttpServletOptions linked =
        resolved.toBuilder()
            .http(resolved.http().toBuilder().outgoingHandler(outgoing).build())
            .build();
    ComponentWatcher.Loader loader = b -> link(decode(b, linked, log, false), linked, log);
    WasiHttpHandler first;
    try {
      first = loader.load(bytes);
    } catch (ServletException | RuntimeException e) {
      outgoing.close();
      throw e;
    }
    return ReloadingHandler.of(first, name, log, outgoing, file, stamp, bytes, loader);
  }

  /** The component's bytes; fails naming it when none is configured or it cannot be read. */
  static byte[] bytes(WasiHttpServletOptions options, ServletContext context)
      throws ServletException {
    String location = options.component();
    if (location == null) {
      throw unavailable(
          "no component configured: set the init-param " + InitParams.COMPONENT, null);
    }
    return ComponentLoading.bytes(options.componentName(), location, context);
  }

  /**
   * Decodes the options' component from its bytes as {@link ComponentLoading#decode} does: through
   * the JVM's {@link ComponentCache} when {@code shared}, its own copy for a reloading servlet.
   */
  static Component decode(byte[] bytes, WasiHttpServletOptions options, LogSink log, boolean shared)
      throws ServletException {
    return ComponentLoading.decode(
        bytes, options.componentName(), options.component(), options.engine(), log, shared);
  }

  /**
   * The options with the outgoing client settings that need the web application resolved, set on
   * the Jetty outgoing handler's options: the trust store read into an {@link SSLContext}, the
   * application's client taken from its ServletContext attribute.
   */
  static WasiHttpServletOptions outbound(WasiHttpServletOptions options, ServletContext context)
      throws ServletException {
    String name = options.componentName();
    WasiHttpServletOptions.TrustStore store = options.trustStore();
    String attribute = options.httpClientAttribute();
    if (store == null && attribute == null) {
      return options;
    }
    if (attribute != null && store != null) {
      throw unavailable(
          "component "
              + name
              + ": "
              + InitParams.TRUST_STORE
              + " and "
              + InitParams.HTTP_CLIENT_ATTRIBUTE
              + " exclude each other: the"
              + " application's client brings its own trust",
          null);
    }
    if (!(options.http().outgoingHandler() instanceof JettyOutgoingHandler.Options jetty)) {
      throw unavailable(
          "component "
              + name
              + ": "
              + (store != null ? InitParams.TRUST_STORE : InitParams.HTTP_CLIENT_ATTRIBUTE)
              + " configures the Jetty outgoing handler, but the options name another: "
              + options.http().outgoingHandler(),
          null);
    }
    JettyOutgoingHandler.Options.Builder resolved = jetty.toBuilder();
    if (store != null) {
      try {
        resolved.sslContext(
            TrustStores.sslContext(store.location(), store.password(), store.type(), context));
      } catch (IOException | GeneralSecurityException e) {
        throw unavailable(
            "component "
                + name
                + ": trust store "
                + store.location()
                + " cannot be used: "
                + e.getMessage(),
            e);
      }
    } else {
      Object client = context.getAttribute(attribute);
      if (!(client instanceof HttpClient c)) {
        throw unavailable(
            "component "
                + name
                + ": the ServletContext attribute \""
                + attribute
                + "\" ("
                + InitParams.HTTP_CLIENT_ATTRIBUTE
                + ") holds "
                + (client == null ? "nothing" : "a " + client.getClass().getName())
                + ", not an "
                + HttpClient.class.getName(),
            null);
      }
      resolved.httpClient(c);
    }
    return options.toBuilder()
        .http(options.http().toBuilder().outgoingHandler(resolved.build()).build())
        .build();
  }

  /** The wasi:http host's configuration of {@code options}, a bad one failing the deployment. */
  private static WasiHttpConfig config(WasiHttpServletOptions options, LogSink log)
      throws ServletException {
    try {
      return options.toWasiHttpConfig(log);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw unavailable(
          "component " + options.componentName() + ": bad configuration: " + e.getMessage(), e);
    }
  }

  /** Links the decoded component into a handler with the servlet's (resolved) options. */
  static WasiHttpHandler link(Component component, WasiHttpServletOptions options, LogSink log)
      throws ServletException {
    return ComponentLoading.link(
        component, config(options, log), options.componentName(), options.component());
  }
}
