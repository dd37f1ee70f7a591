/**
 * Spring Boot auto-configuration of {@link dev.wasihttp.servlet.WasiHttpServlet}: {@link
 * dev.wasihttp.servlet.spring.WasiHttpAutoConfiguration} serves the components that the {@code
 * wasi-http.*} properties ({@link dev.wasihttp.servlet.spring.WasiHttpProperties}) name, and
 * publishes their counters to Micrometer when it is there. Spring Boot and Micrometer are optional
 * dependencies of this module: nothing here loads without them.
 */
package dev.wasihttp.servlet.spring;
