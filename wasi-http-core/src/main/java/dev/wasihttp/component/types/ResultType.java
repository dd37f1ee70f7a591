package dev.wasihttp.component.types;

/** {@code result<ok, err>}; either side may be absent (null), as in {@code result<_, E>}. */
public record ResultType(ValType ok, ValType err) implements ValType {
  @Override
  public String wit() {
    if (ok == null && err == null) {
      return "result";
    }
    if (err == null) {
      return "result<" + ok.wit() + ">";
    }
    return "result<" + (ok == null ? "_" : ok.wit()) + ", " + err.wit() + ">";
  }

  @Override
  public Kind kind() {
    return Kind.RESULT;
  }
}
