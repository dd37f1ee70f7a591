package dev.wasihttp.component.internal.binary;

import java.util.Locale;

/**
 * The sorts of the index spaces (Binary.md, {@code sort} and {@code core:sort}). The {@code CORE_*}
 * sorts are those of {@code 0x00 core:sort}; the others are component-level sorts.
 */
public enum Sort {
  CORE_FUNC,
  CORE_TABLE,
  CORE_MEMORY,
  CORE_GLOBAL,
  CORE_TAG,
  CORE_TYPE,
  CORE_MODULE,
  CORE_INSTANCE,
  FUNC,
  VALUE,
  TYPE,
  COMPONENT,
  INSTANCE;

  // Computed once: index-space lookups name the sort in their bounds message on every call.
  private final String text;

  Sort() {
    String s = name().toLowerCase(Locale.ROOT);
    this.text = s.startsWith("core_") ? "core " + s.substring(5) : s;
  }

  /** Whether this is a core sort (its index space belongs to core definitions). */
  public boolean isCore() {
    return ordinal() <= CORE_INSTANCE.ordinal();
  }

  /** The sort as the text format spells it, e.g. {@code core func} or {@code instance}. */
  public String text() {
    return text;
  }
}
