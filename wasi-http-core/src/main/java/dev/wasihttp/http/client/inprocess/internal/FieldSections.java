package dev.wasihttp.http.client.inprocess.internal;

import dev.wasihttp.http.HttpField;
import java.io.IOException;
import java.util.List;

/** The size of a header or trailer section as the caller's {@code fields} cap counts it. */
final class FieldSections {
  private FieldSections() {}

  /** Name and value bytes, plus {@link HttpField#SIZE_OVERHEAD} per field; 0 for null. */
  static long size(List<HttpField> fields) {
    long size = 0;
    if (fields != null) {
      for (HttpField f : fields) {
        size += f.name().length() + f.value().length + HttpField.SIZE_OVERHEAD;
      }
    }
    return size;
  }

  /** A section over the cap: {@link #code} is the {@code error-code} case the guest gets. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    final String code;

    TooLarge(String code, int max) {
      super(code + ": more than " + max + " bytes");
      this.code = code;
    }
  }
}
