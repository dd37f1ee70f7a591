package dev.wasihttp.it;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Log text collected from a container, thread-safe; waits briefly for asynchronous lines. */
public final class LogLines {
  /**
   * One line as it arrived: its position among all lines, its text, and {@link System#nanoTime()}
   * when it was added, which is when the container's logger wrote it (the fixtures add lines from
   * the logging thread, as it logs).
   */
  public record Line(int index, String text, long nanos) {}

  private final List<Line> lines = new ArrayList<>();

  /** Records one line (or several, split at newlines). */
  public synchronized void add(String text) {
    long now = System.nanoTime();
    for (String line : text.split("\r?\n", -1)) {
      if (!line.isEmpty()) {
        lines.add(new Line(lines.size(), line, now));
      }
    }
  }

  /** Every line so far. */
  public synchronized List<String> lines() {
    List<String> texts = new ArrayList<>(lines.size());
    for (Line l : lines) {
      texts.add(l.text());
    }
    return texts;
  }

  /** How many lines there are so far: the index the next line will have. */
  public synchronized int size() {
    return lines.size();
  }

  /**
   * The first line matching, waiting up to 30 seconds (generous for a busy machine: it returns as
   * soon as the line is there), or null.
   */
  public String await(Predicate<String> match) throws InterruptedException {
    Line line = awaitFrom(0, match);
    return line == null ? null : line.text();
  }

  /**
   * The first line at or after index {@code from} matching, with its arrival time, waiting as
   * {@link #await} does, or null.
   */
  public Line awaitFrom(int from, Predicate<String> match) throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    int next = from;
    do {
      synchronized (this) {
        for (; next < lines.size(); next++) {
          if (match.test(lines.get(next).text())) {
            return lines.get(next);
          }
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
