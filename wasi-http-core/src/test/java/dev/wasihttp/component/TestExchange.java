package dev.wasihttp.component;

import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One request through {@link TestHttpHost}, and the data object of the instance that handles it:
 * the request the guest sees, what the guest answered, and the book of every host resource handed
 * to the guest. Built per test, used by one thread.
 *
 * <p>Host resources get a fresh {@code rep} each (never reused within an exchange), so the book can
 * tell at the end which ones the guest dropped, which it handed back to the host, and which it
 * still owns.
 */
final class TestExchange {
  private static final Set<String> STANDARD_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  // ---- the request ----
  final String method;
  final String pathWithQuery;
  byte[] requestBody = new byte[0];

  /** At most this many bytes per {@code blocking-read}, as a network delivers them. */
  int readChunk = Integer.MAX_VALUE;

  /** After this many body bytes the client is gone: writes fail with an {@code error}. */
  long clientGoneAfter = Long.MAX_VALUE;

  // ---- what the guest did ----
  /** {@code response-outparam.set(ok(...))} was called; then status and headers are known. */
  boolean responseSet;

  int status;

  /** Response headers in order, duplicates kept, values as ISO-8859-1. */
  final List<Map.Entry<String, String>> headers = new ArrayList<>();

  final ByteArrayOutputStream body = new ByteArrayOutputStream();
  boolean finished;

  /**
   * What the guest did, in order: {@code "read N"}, {@code "read-closed"}, {@code "write N"},
   * {@code "write-failed"}, {@code "set"}, {@code "finish"}.
   */
  final List<String> events = new ArrayList<>();

  // ---- the resource book ----
  private final Map<Integer, Object> live = new HashMap<>();
  private final Map<Integer, String> guestOwned = new LinkedHashMap<>();
  private int nextRep = 1;

  /** Resource names the guest dropped, in drop order. */
  final List<String> dropped = new ArrayList<>();

  /** Resource names the guest handed back to the host (owning arguments), in order. */
  final List<String> kept = new ArrayList<>();

  TestExchange(String method, String pathWithQuery) {
    this.method = method;
    this.pathWithQuery = pathWithQuery;
  }

  TestExchange body(byte[] bytes) {
    this.requestBody = bytes.clone();
    return this;
  }

  TestExchange readChunk(int bytes) {
    this.readChunk = bytes;
    return this;
  }

  TestExchange clientGoneAfter(long bytes) {
    this.clientGoneAfter = bytes;
    return this;
  }

  /** The request's {@code method} variant: a standard method's case, else {@code other}. */
  Val methodVal() {
    return STANDARD_METHODS.contains(method)
        ? new Val.Variant(method.toLowerCase(Locale.ROOT), null)
        : new Val.Variant("other", new Val.Str(method));
  }

  String bodyText() {
    return body.toString(StandardCharsets.UTF_8);
  }

  /** The sizes of the events named {@code kind} ({@code "read"} or {@code "write"}). */
  List<Integer> sizes(String kind) {
    List<Integer> out = new ArrayList<>();
    for (String e : events) {
      if (e.startsWith(kind + " ")) {
        out.add(Integer.parseInt(e.substring(kind.length() + 1)));
      }
    }
    return out;
  }

  /** Resource names the guest still owns: empty once a request ended cleanly. */
  List<String> guestOwned() {
    return new ArrayList<>(guestOwned.values());
  }

  // ---- used by TestHttpHost ----

  /** Hands {@code state} to the guest as a new owning handle. */
  Val.Own give(ResourceType type, Object state) {
    int rep = nextRep++;
    live.put(rep, state);
    guestOwned.put(rep, type.name());
    return new Val.Own(type, rep);
  }

  /** The state behind a borrowed {@code self} or argument. */
  <T> T borrow(Val v, ResourceType type, Class<T> state) {
    if (!(v instanceof Val.Borrow) || ((Val.Borrow) v).type() != type) {
      throw new AssertionError("expected borrow<" + type.name() + ">, got " + v);
    }
    return lookup(((Val.Borrow) v).rep(), type, state);
  }

  /** Takes an owning handle the guest handed to the host: the host keeps it from now on. */
  <T> T take(Val v, ResourceType type, Class<T> state) {
    if (!(v instanceof Val.Own) || ((Val.Own) v).type() != type) {
      throw new AssertionError("expected own<" + type.name() + ">, got " + v);
    }
    int rep = ((Val.Own) v).rep();
    T t = lookup(rep, type, state);
    if (guestOwned.remove(rep) == null) {
      throw new AssertionError(type.name() + " " + rep + " handed over twice");
    }
    live.remove(rep);
    kept.add(type.name());
    return t;
  }

  /** The guest dropped its owning handle (the resource's destructor). */
  <T> T drop(int rep, ResourceType type, Class<T> state) {
    T t = lookup(rep, type, state);
    if (guestOwned.remove(rep) == null) {
      throw new AssertionError(type.name() + " " + rep + " dropped but not owned by the guest");
    }
    live.remove(rep);
    dropped.add(type.name());
    return t;
  }

  private <T> T lookup(int rep, ResourceType type, Class<T> state) {
    Object o = live.get(rep);
    if (!state.isInstance(o)) {
      // The runtime checks handles; a wrong rep here is a runtime bug, not a guest error.
      throw new AssertionError("rep " + rep + " is not a live " + type.name() + ": " + o);
    }
    return state.cast(o);
  }
}
