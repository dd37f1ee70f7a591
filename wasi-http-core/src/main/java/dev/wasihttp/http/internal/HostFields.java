package dev.wasihttp.http.internal;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.host.ResourceTable;
import dev.wasihttp.http.HttpField;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The host state behind {@code wasi:http/types.fields} (headers and trailers): entries in the order
 * they were added, duplicates kept, names compared case-insensitively and kept as given.
 *
 * <p>Rules follow Wasmtime's: names must be tokens and values field-value bytes ({@code
 * invalid-syntax}), forbidden names are refused ({@code forbidden}) and stripped from fields that
 * enter the guest, received fields and fields handed to a request or response are read-only ({@code
 * immutable}). Errors are checked in Wasmtime's order (see each method). Lookups never fail: an
 * invalid name simply has no values. A fields object the guest builds may hold at most {@link
 * FieldRules#maxFieldSize()} bytes (see {@link #size()}); growing past it traps.
 *
 * <p>Used by one request's thread only.
 */
public final class HostFields implements ResourceTable.Sized {
  /** One field: the name as given and the value bytes (never modified once stored). */
  public record Entry(String name, byte[] value) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    int size() {
      return name.length() + value.length + HttpField.SIZE_OVERHEAD;
    }
  }

  private final FieldRules rules;
  private final List<Entry> entries;
  private boolean mutable;
  private long size;

  private HostFields(FieldRules rules, List<Entry> entries, boolean mutable) {
    this.rules = rules;
    this.entries = entries;
    this.mutable = mutable;
    for (Entry e : entries) {
      size += e.size();
    }
  }

  /** {@code fields.constructor}: empty and mutable. */
  public static HostFields empty(FieldRules rules) {
    return new HostFields(rules, new ArrayList<>(), true);
  }

  /**
   * {@code fields.from-list}: mutable fields with {@code list}'s entries, or the first entry's
   * error (name syntax, forbidden, value syntax, in that order per entry).
   *
   * @throws Trap when the entries exceed the size cap
   */
  public static Object fromList(FieldRules rules, List<Entry> list) {
    List<Entry> out = new ArrayList<>(list.size());
    long total = 0;
    for (Entry e : list) {
      if (!FieldRules.isValidName(e.name())) {
        return HeaderError.INVALID_SYNTAX;
      }
      if (rules.isForbidden(e.name())) {
        return HeaderError.FORBIDDEN;
      }
      if (!FieldRules.isValidValue(e.name(), e.value())) {
        return HeaderError.INVALID_SYNTAX;
      }
      total += e.size();
      checkSize(rules, total);
      out.add(e);
    }
    return new HostFields(rules, out, true);
  }

  /**
   * Received fields (request headers, trailers): read-only, forbidden names and invalid entries
   * left out. Not capped: the container already bounds what it receives.
   */
  public static HostFields received(FieldRules rules, List<HttpField> fields) {
    List<Entry> out = new ArrayList<>(fields.size());
    for (HttpField f : fields) {
      byte[] value = f.value();
      if (FieldRules.isValidName(f.name())
          && !rules.isForbidden(f.name())
          && FieldRules.isValidValue(f.name(), value)) {
        out.add(new Entry(f.name(), value));
      }
    }
    return new HostFields(rules, out, false);
  }

  /** Makes these fields read-only: they were handed over to a request or response. */
  public void freeze() {
    mutable = false;
  }

  public boolean isMutable() {
    return mutable;
  }

  /** The bytes counted against the cap: each entry's name, value and a 32-byte overhead. */
  public long size() {
    return size;
  }

  /** What the fields hold for the guest: {@link #size()}. */
  @Override
  public long hostBytes() {
    return size;
  }

  /** {@code get}: the values of {@code name} in order; none for an invalid name. */
  public List<byte[]> get(String name) {
    List<byte[]> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.name().equalsIgnoreCase(name)) {
        out.add(e.value());
      }
    }
    return out;
  }

  /** {@code has}. */
  public boolean has(String name) {
    for (Entry e : entries) {
      if (e.name().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code set}: replaces every value of {@code name} by {@code values} (none deletes), at the
   * place of the first old value. Checks name syntax, forbidden, immutable, value syntax.
   *
   * @return null on success
   * @throws Trap when the result would exceed the size cap
   */
  public HeaderError set(String name, List<byte[]> values) {
    HeaderError e = checkName(name);
    if (e != null) {
      return e;
    }
    if (!mutable) {
      return HeaderError.IMMUTABLE;
    }
    for (byte[] v : values) {
      if (!FieldRules.isValidValue(name, v)) {
        return HeaderError.INVALID_SYNTAX;
      }
    }
    long newSize = size;
    int at = -1;
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).name().equalsIgnoreCase(name)) {
        newSize -= entries.get(i).size();
        at = at < 0 ? i : at;
      }
    }
    List<Entry> added = new ArrayList<>(values.size());
    for (byte[] v : values) {
      Entry entry = new Entry(name, v);
      added.add(entry);
      newSize += entry.size();
    }
    checkSize(rules, newSize);
    entries.removeIf(x -> x.name().equalsIgnoreCase(name));
    entries.addAll(at < 0 ? entries.size() : at, added);
    size = newSize;
    return null;
  }

  /** {@code delete}: removes every value of {@code name}. Name, forbidden, immutable. */
  public HeaderError delete(String name) {
    HeaderError e = checkName(name);
    if (e != null) {
      return e;
    }
    if (!mutable) {
      return HeaderError.IMMUTABLE;
    }
    for (Entry x : entries) {
      if (x.name().equalsIgnoreCase(name)) {
        size -= x.size();
      }
    }
    entries.removeIf(x -> x.name().equalsIgnoreCase(name));
    return null;
  }

  /**
   * {@code append}: adds one value at the end. Name, forbidden, value syntax, immutable.
   *
   * @throws Trap when the result would exceed the size cap
   */
  public HeaderError append(String name, byte[] value) {
    HeaderError e = checkName(name);
    if (e != null) {
      return e;
    }
    if (!FieldRules.isValidValue(name, value)) {
      return HeaderError.INVALID_SYNTAX;
    }
    if (!mutable) {
      return HeaderError.IMMUTABLE;
    }
    Entry entry = new Entry(name, value);
    checkSize(rules, size + entry.size());
    entries.add(entry);
    size += entry.size();
    return null;
  }

  /** {@code entries}: a snapshot in order. */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** {@code clone}: a mutable copy. */
  public HostFields copy() {
    checkSize(rules, size);
    return new HostFields(rules, new ArrayList<>(entries), true);
  }

  /** The entries as fields for the embedder. */
  public List<HttpField> toHttpFields() {
    List<HttpField> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(new HttpField(e.name(), e.value()));
    }
    return out;
  }

  /** The first value of {@code name} as ISO-8859-1 text, or null. */
  public String first(String name) {
    for (Entry e : entries) {
      if (e.name().equalsIgnoreCase(name)) {
        return new String(e.value(), StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private HeaderError checkName(String name) {
    if (!FieldRules.isValidName(name)) {
      return HeaderError.INVALID_SYNTAX;
    }
    return rules.isForbidden(name) ? HeaderError.FORBIDDEN : null;
  }

  private static void checkSize(FieldRules rules, long size) {
    if (size > rules.maxFieldSize()) {
      throw new Trap(
          "fields size limit exceeded: " + size + " bytes, the limit is " + rules.maxFieldSize());
    }
  }
}
