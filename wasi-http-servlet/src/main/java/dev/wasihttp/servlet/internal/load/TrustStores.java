package dev.wasihttp.servlet.internal.load;

import jakarta.servlet.ServletContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Reads a configured trust store into the {@link SSLContext} of outgoing TLS connections. */
public final class TrustStores {
  private TrustStores() {}

  /**
   * An SSLContext that trusts exactly the certificates of the key store at {@code location} (read
   * like the component: {@code /WEB-INF/…}, {@code classpath:…} or a file), of format {@code type},
   * opened with {@code password} (null for none).
   */
  public static SSLContext sslContext(
      String location, String password, String type, ServletContext context)
      throws IOException, GeneralSecurityException {
    byte[] bytes = ComponentLoading.read(location, context);
    KeyStore keys = KeyStore.getInstance(type);
    char[] chars = password == null ? null : password.toCharArray();
    keys.load(new ByteArrayInputStream(bytes), chars);
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
