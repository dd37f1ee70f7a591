/**
 * The end-to-end scenarios every container module runs, written against no servlet API: a container
 * module supplies a {@link dev.wasihttp.it.ContainerFixture} that starts its container with the
 * given {@link dev.wasihttp.it.Deployment}s, and subclasses the scenario classes.
 */
package dev.wasihttp.it;
