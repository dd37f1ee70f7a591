/** The sample web application: a plain Java servlet beside {@code WasiHttpServlet}. */
package dev.wasihttp.samples.war;
