/**
 * The components of {@code /WEB-INF/wasm/}, served without code or web.xml: the container finds
 * {@link dev.wasihttp.servlet.internal.mount.WebInfWasmInitializer} through {@code
 * META-INF/services/jakarta.servlet.ServletContainerInitializer} and calls it when the web
 * application starts; {@code WasmMounts} decides what it mounts (one {@link
 * dev.wasihttp.servlet.WasiHttpServlet} per {@code NAME.wasm}, its init-params from {@code
 * NAME.properties} and the context-params {@code wasi-http.NAME.*}, all checked first), and the
 * initializer decodes each component before it registers any servlet, so a bad one fails the
 * deployment.
 *
 * <p>Users never name these classes (the initializer is public for the container's discovery); they
 * are a client of the public {@code dev.wasihttp.servlet} package, which knows nothing of them.
 */
package dev.wasihttp.servlet.internal.mount;
