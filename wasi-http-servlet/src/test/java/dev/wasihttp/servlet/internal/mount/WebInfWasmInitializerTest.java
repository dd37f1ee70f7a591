package dev.wasihttp.servlet.internal.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.servlet.WasiHttpServlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What the initializer mounts from {@code /WEB-INF/wasm/}, on a fake ServletContext: names,
 * mappings, settings and their precedence, what it leaves out, and what fails the deployment. The
 * end-to-end tests run it in Jetty and Tomcat, found by their own discovery.
 */
class WebInfWasmInitializerTest {
  private static final String WASM = WasiHttpServlet.class.getName();

  /** A component preamble, then a section id (7) without its size: malformed at byte 9. */
  private static final byte[] MALFORMED = {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7};

  private static FakeWebApp mounted(FakeWebApp app) throws ServletException {
    new WebInfWasmInitializer().onStartup(null, app.context());
    return app;
  }

  /** What a container's discovery reads: the jar's service entry names this initializer. */
  @Test
  void theServiceEntryNamesThisInitializer() {
    assertTrue(
        ServiceLoader.load(ServletContainerInitializer.class).stream()
            .anyMatch(p -> p.type() == WebInfWasmInitializer.class));
  }

  @Test
  void everyWasmFileIsAServletAtItsNameThatSeesSlashForItsRoot() throws Exception {
    FakeWebApp app =
        mounted(
            new FakeWebApp()
                .component("/WEB-INF/wasm/hello.wasm")
                .component("/WEB-INF/wasm/shop.wasm")
                .resource("/WEB-INF/wasm/README.txt", "")
                .component("/WEB-INF/wasm/old/legacy.wasm"));
    assertEquals(Set.of("wasm:hello", "wasm:shop"), app.servlets.keySet());
    FakeWebApp.Registered hello = app.servlets.get("wasm:hello");
    assertEquals(WASM, hello.className);
    assertEquals(Set.of("/hello/*"), hello.mappings);
    assertEquals(1, hello.loadOnStartup);
    assertEquals(
        Map.of("component", "/WEB-INF/wasm/hello.wasm", "stripServletPath", "true"),
        hello.initParams);
    assertEquals(
        List.of(
            "[wasi-http] mounted /WEB-INF/wasm/hello.wasm at /hello/* (servlet wasm:hello,"
                + " settings: defaults)",
            "[wasi-http] mounted /WEB-INF/wasm/shop.wasm at /shop/* (servlet wasm:shop,"
                + " settings: defaults)"),
        app.log);
  }

  @Test
  void settingsComeFromThePropertiesFileAndContextParamsWin() throws Exception {
    FakeWebApp app =
        mounted(
            new FakeWebApp()
                .component("/WEB-INF/wasm/hello.wasm")
                .resource(
                    "/WEB-INF/wasm/hello.properties",
                    "# the guest's greeting\nenv.GREETING = howdy\ntimeout=5s\nstripServletPath=false\n")
                .contextParam("wasi-http.hello.timeout", "7s")
                .contextParam("wasi-http.hello.env.COLOR", "blue"));
    assertEquals(
        Map.of(
            "component", "/WEB-INF/wasm/hello.wasm",
            "stripServletPath", "false",
            "env.GREETING", "howdy",
            "timeout", "7s",
            "env.COLOR", "blue"),
        app.servlets.get("wasm:hello").initParams);
    assertEquals(
        List.of(
            "[wasi-http] mounted /WEB-INF/wasm/hello.wasm at /hello/* (servlet wasm:hello,"
                + " settings: /WEB-INF/wasm/hello.properties and context-params"
                + " wasi-http.hello.*)"),
        app.log);
  }

  @Test
  void aPrefixMountsUnderIt() throws Exception {
    FakeWebApp app =
        mounted(
            new FakeWebApp()
                .component("/WEB-INF/wasm/hello.wasm")
                .contextParam("wasi-http.prefix", "/apps/wasm/"));
    assertEquals(Set.of("/apps/wasm/hello/*"), app.servlets.get("wasm:hello").mappings);
  }

  @Test
  void theOffSwitchMountsNothing() throws Exception {
    FakeWebApp app =
        mounted(
            new FakeWebApp()
                .component("/WEB-INF/wasm/hello.wasm")
                .contextParam("wasi-http.mount", "FALSE"));
    assertEquals(Set.of(), app.servlets.keySet());
    assertEquals(
        List.of(
            "[wasi-http] context-param wasi-http.mount is false: nothing in /WEB-INF/wasm/ is"
                + " mounted"),
        app.log);
  }

  @Test
  void aComponentThatADeclaredServletOrFilterServesIsNotMountedAgain() throws Exception {
    FakeWebApp app =
        new FakeWebApp()
            .component("/WEB-INF/wasm/admin.wasm")
            .resource("/WEB-INF/wasm/admin.properties", "timeout=5s")
            .component("/WEB-INF/wasm/filtered.wasm")
            .component("/WEB-INF/wasm/ondisk.wasm")
            .component("/WEB-INF/wasm/free.wasm");
    app.realPathRoot = "/srv/webapps/shop";
    // Behind a security constraint on /admin/*: a second mapping at /admin-x/* would bypass it.
    app.declareServlet("admin", WASM, "/admin/*")
        .initParams
        .put("component", "/WEB-INF//wasm/./admin.wasm");
    app.declareFilter("gate", "com.example.WasmFilter")
        .initParams
        .put("component", "/WEB-INF/wasm/filtered.wasm");
    app.declareServlet("disk", WASM, "/disk/*")
        .initParams
        .put("component", "/srv/webapps/shop/WEB-INF/wasm/../wasm/ondisk.wasm");
    mounted(app);
    assertEquals(Set.of("admin", "disk", "wasm:free"), app.servlets.keySet());
    assertEquals(
        List.of(
            "[wasi-http] not mounting /WEB-INF/wasm/admin.wasm: servlet admin serves it (with its"
                + " own mapping and init-params); its admin.properties and wasi-http.admin.*"
                + " settings are not used",
            "[wasi-http] not mounting /WEB-INF/wasm/filtered.wasm: filter gate serves it (with"
                + " its own mapping and init-params)",
            "[wasi-http] not mounting /WEB-INF/wasm/ondisk.wasm: servlet disk serves it (with its"
                + " own mapping and init-params)",
            "[wasi-http] mounted /WEB-INF/wasm/free.wasm at /free/* (servlet wasm:free,"
                + " settings: defaults)"),
        app.log);
  }

  @Test
  void aTakenServletNameOrMappingLeavesTheComponentOut() throws Exception {
    FakeWebApp app =
        new FakeWebApp()
            .component("/WEB-INF/wasm/named.wasm")
            .component("/WEB-INF/wasm/mapped.wasm")
            .component("/WEB-INF/wasm/my app.wasm");
    app.declareServlet("wasm:named", "com.example.Other", "/other/*");
    app.declareServlet("java", "com.example.JavaServlet", "/mapped/*");
    mounted(app);
    assertEquals(Set.of("wasm:named", "java"), app.servlets.keySet());
    assertEquals(
        List.of(
            "[wasi-http] not mounting /WEB-INF/wasm/mapped.wasm: /mapped/* is mapped to servlet"
                + " java",
            "[wasi-http] not mounting /WEB-INF/wasm/my app.wasm: its name is not one URL path"
                + " segment (letters, digits, '.', '_', '~', '-')",
            "[wasi-http] not mounting /WEB-INF/wasm/named.wasm: a servlet named wasm:named"
                + " exists"),
        app.log);
  }

  @Test
  void aContextParamBelongsToTheLongestNameItStartsWith() throws Exception {
    FakeWebApp app =
        mounted(
            new FakeWebApp()
                .component("/WEB-INF/wasm/api.wasm")
                .component("/WEB-INF/wasm/api.v2.wasm")
                .contextParam("wasi-http.api.v2.timeout", "3s")
                .contextParam("wasi-http.api.timeout", "4s")
                .contextParam("wasi-http.gone.timeout", "5s"));
    assertEquals("4s", app.servlets.get("wasm:api").initParams.get("timeout"));
    assertEquals("3s", app.servlets.get("wasm:api.v2").initParams.get("timeout"));
    assertEquals(
        "[wasi-http] context-param wasi-http.gone.timeout is not used: it names no"
            + " /WEB-INF/wasm/NAME.wasm (expected wasi-http.NAME.INIT-PARAM)",
        app.log.get(0));
  }

  @Test
  void anInvalidSettingFailsTheDeploymentNamingWhereItIs() {
    assertFails(
        "/WEB-INF/wasm/hello.properties: init-param timeout: ",
        app -> app.resource("/WEB-INF/wasm/hello.properties", "timeout=soon"));
    assertFails(
        "context-param wasi-http.hello.maxBody: init-param maxBody: ",
        app -> app.contextParam("wasi-http.hello.maxBody", "lots"));
    assertFails(
        "/WEB-INF/wasm/hello.properties: \"timout\" is no init-param of WasiHttpServlet",
        app -> app.resource("/WEB-INF/wasm/hello.properties", "timout=5s"));
    assertFails(
        "context-param wasi-http.hello.component: component cannot be set here: the component"
            + " is /WEB-INF/wasm/hello.wasm",
        app -> app.contextParam("wasi-http.hello.component", "/WEB-INF/other.wasm"));
    assertFails(
        "context-param wasi-http.mount: expected true or false, got \"yes\"",
        app -> app.contextParam("wasi-http.mount", "yes"));
    assertFails(
        "context-param wasi-http.prefix: expected a path such as /wasm, got \"wasm\"",
        app -> app.contextParam("wasi-http.prefix", "wasm"));
  }

  /**
   * Decoded before anything is registered: a component that cannot be fails the deployment with the
   * servlet's message, in any container.
   */
  @Test
  void aMalformedComponentFailsTheDeployment() {
    FakeWebApp app =
        new FakeWebApp()
            .component("/WEB-INF/wasm/good.wasm")
            .resource("/WEB-INF/wasm/bad.wasm", MALFORMED);
    ServletException e = assertThrows(ServletException.class, () -> mounted(app));
    assertTrue(
        e.getMessage()
            .startsWith(
                "component bad (/WEB-INF/wasm/bad.wasm) failed to load: malformed component at"
                    + " byte 9"),
        e::getMessage);
    assertEquals(List.of("[wasi-http] " + e.getMessage()), app.log);
    assertEquals(Set.of(), app.servlets.keySet());
  }

  /**
   * The members a chain setting names are decoded before anything is registered too, with the
   * servlet's engine, so a malformed or missing one fails the deployment as the component does,
   * named as its servlet would name it.
   */
  @Test
  void aChainedMemberThatCannotBeDecodedFailsTheDeployment() {
    assertFails(
        "component api (/WEB-INF/chain/api.wasm) failed to load: malformed component at byte 9",
        app ->
            app.resource("/WEB-INF/wasm/hello.properties", "chain=api=/WEB-INF/chain/api.wasm")
                .resource("/WEB-INF/chain/api.wasm", MALFORMED));
    assertFails(
        "component bad (/WEB-INF/chain/bad.wasm) failed to load: malformed component at byte 9",
        app ->
            app.contextParam(
                    "wasi-http.hello.chain", "/WEB-INF/chain/good.wasm /WEB-INF/chain/bad.wasm")
                .component("/WEB-INF/chain/good.wasm")
                .resource("/WEB-INF/chain/bad.wasm", MALFORMED));
    assertFails(
        "component gone (/WEB-INF/chain/gone.wasm) cannot be read: no such resource in the web"
            + " application",
        app -> app.contextParam("wasi-http.hello.chain", "/WEB-INF/chain/gone.wasm"));
  }

  @Test
  void aChainThatDecodesIsMountedWithItsSetting() throws Exception {
    FakeWebApp app =
        mounted(
            new FakeWebApp()
                .component("/WEB-INF/wasm/front.wasm")
                .component("/WEB-INF/chain/api.wasm")
                .resource("/WEB-INF/wasm/front.properties", "chain=/WEB-INF/chain/api.wasm"));
    assertEquals("/WEB-INF/chain/api.wasm", app.servlets.get("wasm:front").initParams.get("chain"));
    assertEquals(
        List.of(
            "[wasi-http] mounted /WEB-INF/wasm/front.wasm at /front/* (servlet wasm:front,"
                + " settings: /WEB-INF/wasm/front.properties)"),
        app.log);
  }

  /**
   * A member of a chain is reached only through the members before it (e.g. behind one that checks
   * credentials): in WEB-INF/wasm, it is not mounted at its own path, however the chain that names
   * it is set.
   */
  @Test
  void aChainMemberIsNotMountedOnItsOwn() throws Exception {
    FakeWebApp app =
        new FakeWebApp()
            .component("/WEB-INF/wasm/api.wasm")
            .resource("/WEB-INF/wasm/api.properties", "chain=/WEB-INF/wasm/data.wasm")
            .component("/WEB-INF/wasm/data.wasm")
            .resource("/WEB-INF/wasm/data.properties", "timeout=5s")
            .component("/WEB-INF/wasm/guarded.wasm")
            .contextParam("wasi-http.guarded.chain", "store=/WEB-INF/wasm/store.wasm")
            .component("/WEB-INF/wasm/store.wasm")
            .component("/WEB-INF/wasm/internal.wasm")
            .component("/WEB-INF/wasm/free.wasm");
    app.declareServlet("shop", WASM, "/shop/*")
        .initParams
        .putAll(
            Map.of(
                "component", "/WEB-INF/shop.wasm",
                "chain", "/WEB-INF/lib.wasm, inner=/WEB-INF//wasm/internal.wasm"));
    mounted(app);
    assertEquals(Set.of("shop", "wasm:api", "wasm:guarded", "wasm:free"), app.servlets.keySet());
    assertEquals("/WEB-INF/wasm/data.wasm", app.servlets.get("wasm:api").initParams.get("chain"));
    assertEquals(
        List.of(
            "[wasi-http] not mounting /WEB-INF/wasm/data.wasm: it is a member of the chain of"
                + " wasm:api (reached only through it); its data.properties and"
                + " wasi-http.data.* settings are not used",
            "[wasi-http] not mounting /WEB-INF/wasm/internal.wasm: it is a member of the chain"
                + " of servlet shop (reached only through it)",
            "[wasi-http] not mounting /WEB-INF/wasm/store.wasm: it is a member of the chain of"
                + " wasm:guarded (reached only through it)",
            "[wasi-http] mounted /WEB-INF/wasm/api.wasm at /api/* (servlet wasm:api, settings:"
                + " /WEB-INF/wasm/api.properties)",
            "[wasi-http] mounted /WEB-INF/wasm/free.wasm at /free/* (servlet wasm:free,"
                + " settings: defaults)",
            "[wasi-http] mounted /WEB-INF/wasm/guarded.wasm at /guarded/* (servlet"
                + " wasm:guarded, settings: context-params wasi-http.guarded.*)"),
        app.log);
  }

  private static void assertFails(String message, Consumer<FakeWebApp> misconfigure) {
    FakeWebApp app =
        new FakeWebApp()
            .component("/WEB-INF/wasm/first.wasm")
            .component("/WEB-INF/wasm/hello.wasm");
    misconfigure.accept(app);
    ServletException e = assertThrows(ServletException.class, () -> mounted(app));
    assertTrue(e.getMessage().startsWith(message), e::getMessage);
    // Checked before anything is registered: no component of the web application is mounted.
    assertEquals(Set.of(), app.servlets.keySet());
  }
}
