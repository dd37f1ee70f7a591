package dev.wasihttp.it;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Log text collected from a container, thread-safe; waits briefly for asynchronous lines. */
public final class LogLines {
  private final List<String> lines = new ArrayList<>();

  /** Records one line (or several, split at newlines). */
  public synchronized void add(String text) {
    for (String line : text.split("\r?\n", -1)) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
  }

  /** Every line so far. */
  public synchronized List<String> lines() {
    return new ArrayList<>(lines);
  }

  /**
   * The first line matching, waiting up to 30 seconds (generous for a busy machine: it returns as
   * soon as the line is there), or null.
   */
  public String await(Predicate<String> match) throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    do {
      for (String line : lines()) {
        if (match.test(line)) {
          return line;
        }
      }
      Thread.sleep(20);
    } while (System.nanoTime() < end);
    return null;
  }

  /** The first line containing {@code text}, waiting as {@link #await} does, or null. */
  public String awaitContaining(String text) throws InterruptedException {
    return await(l -> l.contains(text));
  }
}
