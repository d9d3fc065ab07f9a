package dev.drydock.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A small bounded connection pool: at most {@code size} connections in use, callers wait up to a
 * timeout for one, idle connections are reused, and a connection that failed with a connection
 * error (SQLState class 08) or left a transaction open is discarded rather than reused.
 */
final class JdbcPool implements AutoCloseable {
  /** Opens a new connection. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  /** Work on a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Opener opener;
  private final Semaphore permits;
  private final long waitMillis;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  JdbcPool(Opener opener, int size, long waitMillis) {
    this.opener = opener;
    this.permits = new Semaphore(size, true);
    this.waitMillis = waitMillis;
  }

  /** Runs {@code work} on a pooled connection in auto-commit mode. */
  <T> T call(Work<T> work) throws SQLException {
    return use(work, false);
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  <T> T transaction(Work<T> work) throws SQLException {
    return use(work, true);
  }

  private <T> T use(Work<T> work, boolean transaction) throws SQLException {
    try {
      if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
        throw new SQLException(
            "no database connection became free in " + waitMillis + " ms (all in use)", "08004");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a database connection", "08004", e);
    }
    Connection connection = null;
    boolean reusable = false;
    try {
      connection = take();
      T result = transaction ? inTransaction(connection, work) : work.run(connection);
      reusable = !transaction || autoCommit(connection);
      return result;
    } catch (SQLException e) {
      // A failed statement leaves a healthy connection; a broken link (class 08) does not.
      String state = e.getSQLState();
      reusable =
          connection != null
              && (state == null || !state.startsWith("08"))
              && autoCommit(connection);
      throw e;
    } finally {
      if (connection != null) {
        give(connection, reusable);
      }
      permits.release();
    }
  }

  private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
    connection.setAutoCommit(false);
    boolean committed = false;
    try {
      T result = work.run(connection);
      connection.commit();
      committed = true;
      return result;
    } finally {
      if (!committed) {
        try {
          connection.rollback();
        } catch (SQLException e) {
          // The connection is then not in auto-commit mode and will be discarded.
        }
      }
      try {
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        // Checked again before reuse.
      }
    }
  }

  private static boolean autoCommit(Connection connection) {
    try {
      return !connection.isClosed() && connection.getAutoCommit();
    } catch (SQLException e) {
      return false;
    }
  }

  private Connection take() throws SQLException {
    synchronized (idle) {
      if (closed) {
        throw new SQLException("the database was closed", "08003");
      }
      Connection pooled = idle.pollFirst();
      if (pooled != null) {
        return pooled;
      }
    }
    return opener.open();
  }

  private void give(Connection connection, boolean reusable) {
    synchronized (idle) {
      if (reusable && !closed) {
        idle.addFirst(connection);
        return;
      }
    }
    quietClose(connection);
  }

  private static void quietClose(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing a connection that already failed: nothing more to do with it.
    }
  }

  /** Closes idle connections; connections in use close when they are returned. */
  @Override
  public void close() {
    Deque<Connection> toClose;
    synchronized (idle) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(JdbcPool::quietClose);
  }
}
