package dev.wasihttp.servlet.internal.reload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.FutureIncomingResponse;
import dev.wasihttp.http.client.OutboundPolicy;
import dev.wasihttp.http.client.OutgoingBody;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.http.client.OutgoingRequest;
import dev.wasihttp.http.client.RequestOptions;
import dev.wasihttp.wasi.io.Waker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The view a reloading servlet's versions get of their one outgoing handler. */
class SharedOutgoingHandlerTest {
  static OutgoingRequest to(String host) {
    return new OutgoingRequest(
        "GET", "http", host, host, 80, "/", List.of(), null, RequestOptions.NONE, null);
  }

  @Test
  void aVersionsViewTellsWhatTheHandlerServesInProcess() {
    OutgoingHandler inProcessForX =
        new OutgoingHandler() {
          @Override
          public OutgoingBody body(Long declaredLength, Waker waker) {
            throw new AssertionError();
          }

          @Override
          public void handle(OutgoingRequest request, FutureIncomingResponse response) {
            throw new AssertionError();
          }

          @Override
          public boolean servesInProcess(OutgoingRequest request) {
            return request.host().equals("x");
          }
        };
    try (SharedOutgoingHandler shared = new SharedOutgoingHandler(context -> inProcessForX)) {
      OutgoingHandler view =
          shared.create(
              new OutgoingHandler.Context(OutboundPolicy.denyAll(), 1024, LogSink.discard(), "c"));
      assertTrue(view.servesInProcess(to("x")), "so the host skips the policy for it");
      assertFalse(view.servesInProcess(to("y")));
    }
  }
}
