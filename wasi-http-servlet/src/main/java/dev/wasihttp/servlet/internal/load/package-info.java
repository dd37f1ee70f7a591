/**
 * The steps from a location that an init-param names to what a servlet or filter runs: {@link
 * dev.wasihttp.servlet.internal.load.ComponentLoading} reads a component ({@code /WEB-INF/…} from
 * the web application, {@code classpath:…}, or a file), decodes it and links it into a {@link
 * dev.wasihttp.http.proxy.WasiHttpHandler}; {@link dev.wasihttp.servlet.internal.load.TrustStores}
 * reads a trust store the same way for the outgoing client. Each failure is an {@code
 * UnavailableException} naming the component, which fails the deployment.
 *
 * <p>It takes plain values (name, location, engine, the wasi:http host's configuration), not the
 * servlet's options: {@code ComponentHandlers} in {@code dev.wasihttp.servlet} reads those, and the
 * {@code WEB-INF/wasm} mount decodes its components here before it registers their servlets.
 */
package dev.wasihttp.servlet.internal.load;
