package dev.wasihttp.component.internal.abi;

/**
 * The canonical options of one {@code canon lift} or {@code canon lower}: where values live ({@code
 * memory}), how the callee allocates ({@code realloc}), the cleanup to run after a lifted call
 * ({@code postReturn}) and the string encoding. Absent options are null; a value that needs an
 * absent option is refused at validation, and the ABI traps as a backstop.
 */
public record CanonicalOptions(
    GuestMemory memory, CoreFunc realloc, CoreFunc postReturn, StringEncoding encoding) {
  public CanonicalOptions {
    if (encoding == null) {
      encoding = StringEncoding.UTF8;
    }
  }

  public CanonicalOptions withMemory(GuestMemory memory) {
    return new CanonicalOptions(memory, realloc, postReturn, encoding);
  }

  public CanonicalOptions withRealloc(CoreFunc realloc) {
    return new CanonicalOptions(memory, realloc, postReturn, encoding);
  }

  public CanonicalOptions withPostReturn(CoreFunc postReturn) {
    return new CanonicalOptions(memory, realloc, postReturn, encoding);
  }

  public CanonicalOptions withEncoding(StringEncoding encoding) {
    return new CanonicalOptions(memory, realloc, postReturn, encoding);
  }
}
