package dev.wasihttp.servlet;

import jakarta.servlet.ServletContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Reads a configured trust store into the {@link SSLContext} of outgoing TLS connections. */
final class TrustStores {
  private TrustStores() {}

  /**
   * An SSLContext that trusts exactly the certificates of {@code store} (read like the component:
   * {@code /WEB-INF/…}, {@code classpath:…} or a file).
   */
  static SSLContext sslContext(WasiHttpServletOptions.TrustStore store, ServletContext context)
      throws IOException, GeneralSecurityException {
    byte[] bytes = ComponentHandlers.read(store.location(), context);
    KeyStore keys = KeyStore.getInstance(store.type());
    char[] password = store.password() == null ? null : store.password().toCharArray();
    keys.load(new ByteArrayInputStream(bytes), password);
    if (keys.size() == 0) {
      throw new GeneralSecurityException("it holds no certificate");
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, trust.getTrustManagers(), null);
    return ssl;
  }
}
