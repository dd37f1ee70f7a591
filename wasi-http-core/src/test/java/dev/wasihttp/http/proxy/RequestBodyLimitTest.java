package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.EngineMode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code maxBody} end to end with hello-c's {@code /echo}: a declared length over it is answered
 * 413 before any instance is taken; a body without a declared length that grows past it fails the
 * guest's read ({@code HTTP-request-body-size}), and hello-c, which has already sent its 200,
 * leaves the response unfinished, so the client sees it broken.
 */
class RequestBodyLimitTest {
  static final int MAX_BODY = 100_000;
  static final Samples.Lines LOG = new Samples.Lines();

  static WasiHttpHandler handler(EngineMode mode) throws Exception {
    return WasiHttpHandler.create(
        Samples.load(Samples.HELLO_C, mode),
        WasiHttpConfig.builder().componentName("body-limit").log(LOG).maxBody(MAX_BODY).build());
  }

  static MemoryExchange echo(WasiHttpHandler handler, byte[] body, boolean declared) {
    MemoryExchange x = new MemoryExchange("POST", "/echo").body(body);
    if (declared) {
      x.header("Content-Length", Integer.toString(body.length));
    }
    handler.handle(x);
    return x;
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aDeclaredLengthOverMaxBodyIsAnswered413WithoutAnInstance(EngineMode mode) throws Exception {
    try (WasiHttpHandler handler = handler(mode)) {
      MemoryExchange x = echo(handler, Samples.randomBytes(MAX_BODY + 1), true);
      assertEquals(List.of("fail 413"), x.calls);
      assertEquals(
          "the request body of 100001 bytes declared is over the limit of 100000 bytes",
          x.failReason);
      assertEquals(0, handler.poolStats().instantiations());
      assertEquals(1, handler.metrics().requests4xx());
      assertTrue(LOG.contains("answered 413: the request body of 100001 bytes"));

      byte[] fits = Samples.randomBytes(MAX_BODY);
      MemoryExchange ok = echo(handler, fits, true);
      assertEquals(List.of("respond 200", "finish"), ok.calls);
      assertArrayEquals(fits, ok.body.toByteArray());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aBodyGrowingPastMaxBodyFailsTheReadAndTheStartedResponseIsAborted(EngineMode mode)
      throws Exception {
    try (WasiHttpHandler handler = handler(mode)) {
      byte[] body = Samples.randomBytes(3 * MAX_BODY);
      MemoryExchange x = echo(handler, body, false);
      assertEquals(List.of("respond 200", "abort"), x.calls);
      assertTrue(
          x.abortReason.startsWith(
              "the guest returned without finishing the outgoing-body (after its request body"
                  + " failed: "),
          x.abortReason);
      assertTrue(x.abortReason.endsWith("longer than the limit of 100000 bytes)"), x.abortReason);
      assertArrayEquals(Arrays.copyOf(body, MAX_BODY), x.body.toByteArray(), "up to the limit");

      byte[] fits = Samples.randomBytes(MAX_BODY);
      MemoryExchange ok = echo(handler, fits, false);
      assertEquals(List.of("respond 200", "finish"), ok.calls);
      assertArrayEquals(fits, ok.body.toByteArray());
    }
  }
}
