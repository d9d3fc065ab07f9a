package dev.drydock.engine;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/** One open byte stream to a daemon; reads honour the configured read timeout. */
interface Connection extends Closeable {
  InputStream input();

  OutputStream output();

  /**
   * {@return whether we presented a client certificate in a TLS 1.3 handshake and the daemon has
   * not sent a byte since: until it does, it may still refuse the certificate, by alert or by
   * resetting the connection}
   */
  default boolean clientCertificateUnconfirmed() {
    return false;
  }
}
