package dev.drydock.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL fixture starts a real server and hands out separate, usable databases. */
@ExtendWith(PostgresServer.Resolver.class)
class PostgresServerIT {

  @Test
  void eachTestGetsItsOwnDatabaseOnOneRealServer(PostgresServer server) throws Exception {
    assertThat(PostgresServer.installed()).isNotEmpty();
    assertThat(server.version()).matches("\\d+(\\.\\d+)*");
    URI first = URI.create(server.newDatabase());
    URI second = URI.create(server.newDatabase());
    assertThat(first.getPath()).isNotEqualTo(second.getPath());
    assertThat(first.getHost()).isEqualTo("127.0.0.1");
    Properties login = new Properties();
    login.setProperty("user", first.getUserInfo());
    login.setProperty("password", server.password());
    String jdbc = "jdbc:postgresql://" + first.getHost() + ":" + first.getPort() + first.getPath();
    try (Connection c = DriverManager.getConnection(jdbc, login);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (v INT)");
      s.execute("INSERT INTO t VALUES (42)");
      try (ResultSet r = s.executeQuery("SELECT v FROM t")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getInt(1)).isEqualTo(42);
      }
    }
    Properties wrong = new Properties();
    wrong.setProperty("user", first.getUserInfo());
    wrong.setProperty("password", "not-the-password");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DriverManager.getConnection(jdbc, wrong).close())
        .isInstanceOf(java.sql.SQLException.class);
  }
}
