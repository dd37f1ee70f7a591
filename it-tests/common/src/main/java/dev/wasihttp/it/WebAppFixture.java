package dev.wasihttp.it;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts one container with one web application deployed as the container deploys a WAR: its own
 * discovery reads web.xml, scans annotations and runs the ServletContainerInitializers it finds,
 * with the container's defaults otherwise.
 */
public interface WebAppFixture extends AutoCloseable {
  /**
   * Starts the container on a free loopback port with {@code webApp} (a {@code .war} file or an
   * unpacked directory) at {@code contextPath}, {@code contextParams} set by the container (as an
   * operator's configuration outside the WAR sets them), and returns the port. A deployment that
   * fails does not make this throw: see {@link #deployed()} and {@link #log()}.
   */
  int start(Path webApp, String contextPath, Map<String, String> contextParams) throws Exception;

  /** Whether the web application started, false when the container failed its deployment. */
  boolean deployed();

  /** The container's log, the JVM's: every line any fixture of its kind logged. */
  LogLines log();

  /** Stops the container. */
  @Override
  void close() throws Exception;
}
