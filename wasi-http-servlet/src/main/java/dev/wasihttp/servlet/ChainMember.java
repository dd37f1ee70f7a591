package dev.wasihttp.servlet;

import dev.wasihttp.http.client.inprocess.InProcessRoute;
import java.util.List;
import java.util.Objects;

/**
 * A component chained after the servlet's own: its name, by which the members before it reach it
 * ({@code http://NAME/}), and its location (as {@link WasiHttpServletOptions#component()}): an
 * entry of the {@value InitParams#CHAIN} init-param.
 */
public record ChainMember(String name, String location) {
  public ChainMember {
    if (!InProcessRoute.isHostName(name)) {
      throw new IllegalArgumentException(
          "the chained component name \""
              + name
              + "\" is not a host name (letters, digits, '-', '.', '_'): write NAME=LOCATION");
    }
    Objects.requireNonNull(location, "location");
  }

  /**
   * {@code [NAME=]LOCATION}: the name before the first {@code =} when it is a host name, else the
   * location's file name without {@code .wasm}.
   *
   * @throws IllegalArgumentException when the entry is blank, or names no host name
   */
  public static ChainMember parse(String entry) {
    String e = entry.trim();
    int eq = e.indexOf('=');
    if (eq > 0 && InProcessRoute.isHostName(e.substring(0, eq))) {
      String location = e.substring(eq + 1).trim();
      if (location.isEmpty()) {
        throw new IllegalArgumentException("no location in \"" + entry + "\"");
      }
      return new ChainMember(e.substring(0, eq), location);
    }
    if (e.isEmpty()) {
      throw new IllegalArgumentException("an empty chain entry");
    }
    return new ChainMember(WasiHttpServletOptions.defaultName(e), e);
  }

  /**
   * The members a {@value InitParams#CHAIN} value lists, in order: entries {@code [NAME=]LOCATION}
   * separated by commas or white space.
   *
   * @throws IllegalArgumentException when an entry names no host name
   */
  public static List<ChainMember> parseAll(String value) {
    return entries(value).stream().map(ChainMember::parse).toList();
  }

  /** The entries of a {@value InitParams#CHAIN} value, unparsed; none for a blank one. */
  static List<String> entries(String value) {
    String v = value.trim();
    return v.isEmpty() ? List.of() : List.of(v.split("[,\\s]+"));
  }

  @Override
  public String toString() {
    return name + "=" + location;
  }
}
