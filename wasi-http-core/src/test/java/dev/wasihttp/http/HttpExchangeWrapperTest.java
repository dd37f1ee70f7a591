package dev.wasihttp.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every {@link HttpExchange} method, found by reflection so that one the interface gains later is
 * checked too, reaches the wrapped exchange as that same method, with the same arguments, and
 * returns its result.
 */
class HttpExchangeWrapperTest {
  /** One call that reached the wrapped exchange. */
  record Call(Method method, Object[] args) {}

  @Test
  void everyMethodReachesTheWrappedExchangeAsItself() throws Exception {
    List<Call> calls = new ArrayList<>();
    Object[] returned = new Object[1];
    HttpExchange wrapped =
        (HttpExchange)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpExchange.class},
                (proxy, method, args) -> {
                  // A default method runs here too: a wrapper that inherited one would reach
                  // the wrapped exchange as another method, and fail below.
                  calls.add(new Call(method, args == null ? new Object[0] : args));
                  returned[0] = resultOf(method.getReturnType());
                  return returned[0];
                });
    HttpExchange wrapper = new HttpExchangeWrapper(wrapped) {};

    int checked = 0;
    for (Method method : HttpExchange.class.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      String name =
          method.getName()
              + Arrays.stream(method.getParameterTypes())
                  .map(Class::getSimpleName)
                  .collect(Collectors.joining(", ", "(", ")"));
      assertDoesNotThrow(
          () ->
              HttpExchangeWrapper.class.getDeclaredMethod(
                  method.getName(), method.getParameterTypes()),
          name + " is not overridden");
      Object[] args =
          Arrays.stream(method.getParameterTypes())
              .map(HttpExchangeWrapperTest::argumentOf)
              .toArray();
      calls.clear();
      returned[0] = null;

      Object result = method.invoke(wrapper, args);

      assertEquals(1, calls.size(), name + " reached the wrapped exchange " + calls.size() + "x");
      Call call = calls.get(0);
      assertEquals(method, call.method(), name + " reached it as another method");
      assertEquals(args.length, call.args().length, name);
      for (int i = 0; i < args.length; i++) {
        if (method.getParameterTypes()[i].isPrimitive()) {
          assertEquals(args[i], call.args()[i], name + ": argument " + i); // boxed anew
        } else {
          assertSame(args[i], call.args()[i], name + ": argument " + i);
        }
      }
      if (method.getReturnType().isPrimitive()) {
        assertEquals(returned[0], result, name + ": result"); // boxed anew
      } else {
        assertSame(returned[0], result, name + ": result");
      }
      checked++;
    }
    assertTrue(checked >= 14, "only " + checked + " methods found"); // today's 14, at least
  }

  /** A value of {@code type} that only this call has, so that identity shows it was passed on. */
  private static Object argumentOf(Class<?> type) {
    if (type == int.class) {
      return 503;
    }
    if (type == String.class) {
      return new String("reason");
    }
    if (type == List.class) {
      return new ArrayList<>(List.of(HttpField.latin1("retry-after", "1")));
    }
    throw new AssertionError("no test value for a parameter of type " + type);
  }

  private static Object resultOf(Class<?> type) {
    if (type == void.class) {
      return null;
    }
    if (type == String.class) {
      return new String("value");
    }
    if (type == List.class) {
      return new ArrayList<HttpField>();
    }
    if (type == InputStream.class) {
      return InputStream.nullInputStream();
    }
    if (type == OutputStream.class) {
      return OutputStream.nullOutputStream();
    }
    if (type == boolean.class) {
      return true; // not what a default method answers
    }
    throw new AssertionError("no test value for a result of type " + type);
  }
}
