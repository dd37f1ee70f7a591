package dev.wasihttp.it;

import java.util.List;

/** Starts one container on a free loopback port with some servlets mounted, then stops it. */
public interface ContainerFixture extends AutoCloseable {
  /**
   * Starts the container with {@code deployments} (several may share a context path) and returns
   * its port. A deployment that fails does not make this throw: its failure goes to {@link #log()},
   * as a container reports it.
   */
  default int start(List<Deployment> deployments) throws Exception {
    return start(deployments, List.of());
  }

  /**
   * Starts the container with {@code deployments} and the web applications {@code apps} (each in a
   * context of its own), and returns its port; failures as {@link #start(List)}.
   */
  int start(List<Deployment> deployments, List<WebApp> apps) throws Exception;

  /** Whether the container speaks h2c (HTTP/2 without TLS) on the same port. */
  boolean h2c();

  /** Every line the container logged since it was created (servlet context log included). */
  LogLines log();

  /** Stops the container. */
  @Override
  void close() throws Exception;
}
