package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The deadline timer alone, on plain threads: what it interrupts, again, and what it leaves. */
@Timeout(60) // a hang guard only
class DeadlinesTest {
  final Deadlines deadlines = new Deadlines("test");

  @AfterEach
  void close() {
    deadlines.close();
  }

  @Test
  void anInterruptTheThreadSwallowsIsDeliveredAgainUntilTheRequestEnds() throws Exception {
    Deadline d = deadlines.start(Duration.ofMillis(50));
    int delivered = 0;
    while (delivered < 3) { // a host call that clears the flag and carries on, three times
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        delivered++; // the flag is clear again
      }
    }
    assertEquals("guest timed out after 50 ms", d.expired());
    deadlines.end(d);
    assertFalse(Thread.currentThread().isInterrupted(), "the request's thread goes back clean");
    assertEquals(0, deadlines.running());
  }

  @Test
  void aDeadlineEndedInTimeNeverFires() {
    Deadline d = deadlines.start(Duration.ofHours(1));
    assertEquals(1, deadlines.running());
    deadlines.end(d);
    assertNull(d.expired());
    assertFalse(Thread.currentThread().isInterrupted());
    d.fire("too late"); // the timer's last look may come after the end: it changes nothing
    assertNull(d.expired());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void expireAllInterruptsRequestsWithoutATimeoutToo() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<String> why = new AtomicReference<>();
    AtomicReference<Boolean> clean = new AtomicReference<>();
    Thread request =
        new Thread(
            () -> {
              Deadline d = deadlines.start(Duration.ZERO);
              started.countDown();
              try {
                new CountDownLatch(1).await(30, TimeUnit.SECONDS); // a guest waiting for ever
              } catch (InterruptedException e) {
                // stopped
              }
              deadlines.end(d);
              why.set(d.expired());
              clean.set(!Thread.currentThread().isInterrupted());
            });
    request.start();
    assertTrue(started.await(30, TimeUnit.SECONDS));
    deadlines.expireAll("shutting down");
    request.join(30_000);
    assertEquals("shutting down", why.get());
    assertTrue(clean.get());
  }

  @Test
  void durationsInLogLines() {
    assertEquals("60 s", Deadline.format(Duration.ofSeconds(60)));
    assertEquals("300 ms", Deadline.format(Duration.ofMillis(300)));
    assertEquals("1500 ms", Deadline.format(Duration.ofMillis(1500)));
  }
}
