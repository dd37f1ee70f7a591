package dev.wasihttp.http.internal;

import static dev.wasihttp.http.internal.HttpHarness.STREAMS;
import static dev.wasihttp.http.internal.HttpHarness.TYPES;
import static dev.wasihttp.http.internal.HttpHarness.bytes;
import static dev.wasihttp.http.internal.HttpHarness.entry;
import static dev.wasihttp.http.internal.HttpHarness.ok;
import static dev.wasihttp.http.internal.HttpHarness.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.host.ResourceTable;
import dev.wasihttp.component.limits.MemoryBudget;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.proxy.MemoryExchange;
import org.junit.jupiter.api.Test;

/**
 * What the wasi:http host holds for a guest, counted against its host memory: 64 bytes per
 * resource, the fields it holds, the request body buffered ahead of it, and the response body it
 * wrote before setting the response.
 */
class HostMemoryTest {
  static final long ENTRY = ResourceTable.ENTRY_COST;

  /** {@code name: value} as {@code fields} counts it. */
  static long size(String name, String value) {
    return name.length() + value.length() + 32;
  }

  @Test
  void fieldsCountWhatTheyHoldWhileTheGuestHoldsThem() {
    MemoryBudget memory = new MemoryBudget("host memory", 1 << 20, null);
    try (HttpHarness h = new HttpHarness(new MemoryExchange("GET", "/"), null, memory)) {
      Val f = h.call(TYPES, "[constructor]fields");
      assertEquals(ENTRY, memory.used());
      h.method("fields", "append", f, str("x-a"), bytes("12345"));
      h.method("fields", "append", f, str("x-b"), bytes("1"));
      assertEquals(ENTRY + size("x-a", "12345") + size("x-b", "1"), memory.used());
      h.method("fields", "delete", f, str("x-a"));
      assertEquals(ENTRY + size("x-b", "1"), memory.used());
      // Handed to a response, the fields count as part of it.
      Val response = h.call(TYPES, "[constructor]outgoing-response", f);
      assertEquals(ENTRY + size("x-b", "1"), memory.used());
      h.drop(TYPES, "outgoing-response", response);
      assertEquals(0, memory.used());
    }
  }

  @Test
  void fieldsWithoutEndTrapAtTheLimit() {
    MemoryBudget memory = new MemoryBudget("host memory", 64 * 1024, null);
    try (HttpHarness h = new HttpHarness(new MemoryExchange("GET", "/"), null, memory)) {
      Val value = bytes("a".repeat(4000));
      Trap t =
          assertThrows(
              Trap.class,
              () -> {
                while (true) {
                  Val f = h.call(TYPES, "[constructor]fields");
                  h.method("fields", "append", f, str("x"), value);
                }
              });
      assertEquals("host memory limit exceeded: 65536 bytes", t.reason());
    }
    assertEquals(0, memory.used(), "the request's end gave it all back");
  }

  @Test
  void theRequestBodyCountsItsBufferOnceOpened() {
    MemoryBudget memory = new MemoryBudget("host memory", 1 << 20, null);
    MemoryExchange x = new MemoryExchange("POST", "/").body(new byte[10]);
    try (HttpHarness h = new HttpHarness(x, null, memory)) {
      Val request = h.request();
      long before = memory.used();
      Val body = ok(h.method("incoming-request", "consume", request));
      assertEquals(
          before + ENTRY + IncomingBodyReader.DEFAULT_CAPACITY,
          memory.used(),
          "the body and the 256 KiB read ahead for it");
      h.drop(TYPES, "incoming-body", body);
      assertEquals(before, memory.used());
    }
  }

  @Test
  void aResponseBodyWrittenBeforeSetCountsUntilItIsSent() {
    MemoryBudget memory = new MemoryBudget("host memory", 1 << 20, null);
    MemoryExchange x = new MemoryExchange("GET", "/");
    try (HttpHarness h = new HttpHarness(x, null, memory)) {
      Val response = h.call(TYPES, "[constructor]outgoing-response", h.fields());
      Val body = ok(h.method("outgoing-response", "body", response));
      Val out = ok(h.method("outgoing-body", "write", body));
      long before = memory.used();
      h.method(STREAMS, "output-stream", "blocking-write-and-flush", out, bytes("x".repeat(3000)));
      assertEquals(before + 3000, memory.used(), "held until the response is set");
      h.call(TYPES, "[static]response-outparam.set", h.outparam(), Val.Result.ok(response));
      h.method(STREAMS, "output-stream", "blocking-write-and-flush", out, bytes("y"));
      assertEquals(before - ENTRY, memory.used(), "sent: the response (handed over) and the bytes");
      h.drop(STREAMS, "output-stream", out);
      ok(h.call(TYPES, "[static]outgoing-body.finish", body, Val.Option.none()));
      assertEquals(3001, x.body.size());
    }
    assertEquals(0, memory.used());
  }

  @Test
  void aResponseBodyPastTheLimitTrapsTheWrite() {
    MemoryBudget memory = new MemoryBudget("host memory", 4096, null);
    try (HttpHarness h = new HttpHarness(new MemoryExchange("GET", "/"), null, memory)) {
      Val response = h.call(TYPES, "[constructor]outgoing-response", h.fields(entry("x-a", "1")));
      Val body = ok(h.method("outgoing-response", "body", response));
      Val out = ok(h.method("outgoing-body", "write", body));
      Trap t =
          assertThrows(
              Trap.class,
              () ->
                  h.method(
                      STREAMS,
                      "output-stream",
                      "blocking-write-and-flush",
                      out,
                      bytes("x".repeat(4000))));
      assertEquals("host memory limit exceeded: 4096 bytes", t.reason());
    }
  }
}
