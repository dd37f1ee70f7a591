package dev.wasihttp.it;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/** A {@code WasiHttpServlet}'s JMX counters, read as an operator's console reads them. */
public final class ServletCounters {
  private ServletCounters() {}

  /**
   * The MBean name of servlet {@code servlet} in the context at {@code contextPath} ("/": root).
   */
  public static ObjectName name(String contextPath, String servlet) {
    try {
      return new ObjectName(
          "dev.wasihttp:type=WasiHttpServlet,context="
              + ObjectName.quote(contextPath)
              + ",name="
              + ObjectName.quote(servlet));
    } catch (JMException e) {
      throw new IllegalArgumentException(contextPath + " " + servlet, e);
    }
  }

  /**
   * One numeric counter ({@code Requests}, {@code InstancesInUse}...) of the MBean {@code name}.
   */
  public static long read(ObjectName name, String attribute) {
    try {
      return ((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute))
          .longValue();
    } catch (JMException e) {
      throw new IllegalStateException(attribute + " of " + name, e);
    }
  }
}
