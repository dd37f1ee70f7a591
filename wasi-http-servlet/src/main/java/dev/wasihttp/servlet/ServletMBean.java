package dev.wasihttp.servlet;

import dev.wasihttp.http.proxy.HandlerMetrics;
import dev.wasihttp.http.proxy.WasiHttpHandler;
import dev.wasihttp.servlet.internal.reload.ReloadingHandler;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** A servlet's {@link WasiHttpServletMXBean}, read from its handler's metrics at each call. */
final class ServletMBean implements WasiHttpServletMXBean {
  /** The JMX domain of every name registered here. */
  static final String DOMAIN = "dev.wasihttp";

  /**
   * What the MBean reads: a {@link WasiHttpHandler}'s metrics and its component's figures, or a
   * {@link ReloadingHandler}'s, whose counters go on across its versions and count its reloads and
   * whose figures are the version serving now's.
   */
  interface Source {
    /** The counters now. */
    HandlerMetrics.Snapshot metrics();

    /** The component's core functions that run on the interpreter (of the version serving now). */
    long interpretedFunctions();

    /** Times the component was swapped for a new version of its file. */
    default long reloads() {
      return 0;
    }

    /** Changes of its file that failed to load (the version serving stayed). */
    default long failedReloads() {
      return 0;
    }

    /** What {@code handler} counts, and its component's figures. */
    static Source of(WasiHttpHandler handler) {
      return new Source() {
        @Override
        public HandlerMetrics.Snapshot metrics() {
          return handler.metrics();
        }

        @Override
        public long interpretedFunctions() {
          return handler.component().interpretedFunctionCount();
        }
      };
    }

    /** What {@code handler} counts: across its versions, with its reloads. */
    static Source of(ReloadingHandler handler) {
      return new Source() {
        @Override
        public HandlerMetrics.Snapshot metrics() {
          return handler.metrics();
        }

        @Override
        public long interpretedFunctions() {
          return handler.component().interpretedFunctionCount();
        }

        @Override
        public long reloads() {
          return handler.reloads();
        }

        @Override
        public long failedReloads() {
          return handler.failedReloads();
        }
      };
    }
  }

  private final String component;
  private final Source handler;

  private ServletMBean(String component, Source handler) {
    this.component = component;
    this.handler = handler;
  }

  /**
   * The name for a servlet {@code servletName} in the context at {@code contextPath} ({@code ""}
   * for the root context, shown as {@code "/"}).
   */
  static ObjectName name(String contextPath, String servletName) throws JMException {
    return name("WasiHttpServlet", contextPath, servletName);
  }

  /**
   * The name of type {@code type} ({@code WasiHttpServlet}, {@code WasiHttpFilter}) for {@code
   * name} in the context at {@code contextPath}.
   */
  static ObjectName name(String type, String contextPath, String name) throws JMException {
    String context = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
    return new ObjectName(
        DOMAIN
            + ":type="
            + type
            + ",context="
            + ObjectName.quote(context)
            + ",name="
            + ObjectName.quote(name));
  }

  /**
   * Registers {@code handler}'s counters under {@code name} on the platform MBean server, replacing
   * one left registered there (by a servlet of the same name and context that was not destroyed,
   * e.g. a redeployment in the same JVM), and returns the name to unregister.
   */
  static ObjectName register(ObjectName name, String component, Source handler) throws JMException {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ServletMBean bean = new ServletMBean(component, handler);
    try {
      server.registerMBean(bean, name);
    } catch (InstanceAlreadyExistsException e) {
      server.unregisterMBean(name);
      server.registerMBean(bean, name);
    }
    return name;
  }

  /** Unregisters {@code name}; nothing if it is not registered. */
  static void unregister(ObjectName name) throws JMException {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    if (server.isRegistered(name)) {
      server.unregisterMBean(name);
    }
  }

  private HandlerMetrics.Snapshot now() {
    return handler.metrics();
  }

  @Override
  public String getComponent() {
    return component;
  }

  @Override
  public long getRequests() {
    return now().requests();
  }

  @Override
  public long getRequests2xx() {
    return now().requests2xx();
  }

  @Override
  public long getRequests3xx() {
    return now().requests3xx();
  }

  @Override
  public long getRequests4xx() {
    return now().requests4xx();
  }

  @Override
  public long getRequests5xx() {
    return now().requests5xx();
  }

  @Override
  public long getTraps() {
    return now().traps();
  }

  @Override
  public long getTimeouts() {
    return now().timeouts();
  }

  @Override
  public long getRejected() {
    return now().rejected();
  }

  @Override
  public long getAborted() {
    return now().aborted();
  }

  @Override
  public long getGuestTimeMillis() {
    return TimeUnit.NANOSECONDS.toMillis(now().guestNanos());
  }

  @Override
  public long getInstantiateTimeMillis() {
    return TimeUnit.NANOSECONDS.toMillis(now().instantiateNanos());
  }

  @Override
  public int getInstancesInUse() {
    return now().instancesInUse();
  }

  @Override
  public int getInstancesPooled() {
    return now().instancesPooled();
  }

  @Override
  public long getGuestMemoryBytes() {
    return now().guestMemoryBytes();
  }

  @Override
  public long getHostMemoryBytes() {
    return now().hostMemoryBytes();
  }

  @Override
  public long getReloads() {
    return handler.reloads();
  }

  @Override
  public long getFailedReloads() {
    return handler.failedReloads();
  }

  @Override
  public long getInterpretedFunctions() {
    return handler.interpretedFunctions();
  }
}
