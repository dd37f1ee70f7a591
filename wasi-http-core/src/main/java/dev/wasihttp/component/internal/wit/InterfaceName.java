package dev.wasihttp.component.internal.wit;

/** An import or export name: either {@code ns:pkg/iface@version} (qualified) or a plain name. */
record InterfaceName(String full, String namespace, String pkg, String iface, String version) {

  static InterfaceName parse(String name) {
    int colon = name.indexOf(':');
    int slash = name.indexOf('/');
    if (colon <= 0 || slash < colon) {
      return new InterfaceName(name, null, null, name, null);
    }
    int at = name.indexOf('@', slash);
    String iface = at < 0 ? name.substring(slash + 1) : name.substring(slash + 1, at);
    String version = at < 0 ? null : name.substring(at + 1);
    return new InterfaceName(
        name, name.substring(0, colon), name.substring(colon + 1, slash), iface, version);
  }

  boolean isQualified() {
    return namespace != null;
  }

  /** {@code ns:pkg@version}. */
  String packageName() {
    return namespace + ":" + pkg + (version == null ? "" : "@" + version);
  }

  /** How another interface refers to this one in a {@code use}. */
  String referenceFrom(InterfaceName other) {
    if (!isQualified()) {
      return iface;
    }
    if (other != null && other.isQualified() && packageName().equals(other.packageName())) {
      return iface;
    }
    return namespace + ":" + pkg + "/" + iface + (version == null ? "" : "@" + version);
  }
}
