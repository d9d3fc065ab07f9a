package dev.drydock.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonArgsTest {
  private static DaemonArgs parse(String... args) {
    List<String> argv = new ArrayList<>(List.of("/usr/sbin/dockerd"));
    argv.addAll(List.of(args));
    return DaemonArgs.parse(argv);
  }

  @Test
  void readsEveryFormOfValueFlag() {
    DaemonArgs a =
        parse(
            "--tlscacert",
            "/a/ca.pem",
            "--tlscert=/a/cert.pem",
            "-H",
            "unix:///x.sock",
            "-Htcp://0.0.0.0:2375",
            "--host=fd://",
            "-l",
            "debug",
            "-G=staff");
    assertThat(a.last("tlscacert")).contains("/a/ca.pem");
    assertThat(a.last("tlscert")).contains("/a/cert.pem");
    assertThat(a.all("host")).containsExactly("unix:///x.sock", "tcp://0.0.0.0:2375", "fd://");
    assertThat(a.last("log-level")).contains("debug");
    assertThat(a.last("group")).contains("staff");
  }

  @Test
  void booleanFlagsTakeAValueOnlyAfterEquals() {
    DaemonArgs a = parse("--tlsverify", "--icc=false", "--live-restore", "-D", "--iptables=false");
    assertThat(a.last("tlsverify")).contains("true");
    assertThat(a.last("icc")).contains("false");
    assertThat(a.last("live-restore")).contains("true");
    assertThat(a.last("debug")).contains("true");
    assertThat(a.last("iptables")).contains("false");
    assertThat(a.has("userland-proxy")).isFalse();
  }

  @Test
  void aBooleanFlagDoesNotSwallowTheNextFlag() {
    DaemonArgs a = parse("--tlsverify", "--tlskey", "/k.pem", "--no-new-privileges");
    assertThat(a.last("tlskey")).contains("/k.pem");
    assertThat(a.last("no-new-privileges")).contains("true");
  }

  @Test
  void repeatedFlagsKeepEveryValueAndTheLastWins() {
    DaemonArgs a =
        parse(
            "--insecure-registry",
            "10.0.0.0/8",
            "--insecure-registry=reg:5000",
            "--log-level=warn",
            "--log-level=info");
    assertThat(a.all("insecure-registry")).containsExactly("10.0.0.0/8", "reg:5000");
    assertThat(a.last("log-level")).contains("info");
  }

  @Test
  void aTrailingValueFlagGetsAnEmptyValueAndWordsAfterDoubleDashAreIgnored() {
    assertThat(parse("--data-root").last("data-root")).contains("");
    assertThat(parse("--", "--icc=false").has("icc")).isFalse();
    assertThat(parse("stray").names()).isEmpty();
  }

  @Test
  void refusesAnAbsurdlyLongCommandLine() {
    List<String> argv = new ArrayList<>(Collections.nCopies(DaemonArgs.MAX_ARGS + 1, "-D"));
    assertThatThrownBy(() -> DaemonArgs.parse(argv))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than");
  }
}
