package dev.drydock.engine;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/** One open byte stream to a daemon; reads honour the configured read timeout. */
interface Connection extends Closeable {
  InputStream input();

  OutputStream output();
}
