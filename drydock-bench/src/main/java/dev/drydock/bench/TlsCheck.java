package dev.drydock.bench;

import dev.drydock.engine.EngineEndpoint;
import dev.drydock.model.Finding;
import dev.drydock.model.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CIS 2.7: a daemon that listens on TCP must require client certificates ({@code --tlsverify}). TCP
 * listeners are taken from {@code -H}/{@code --host}, daemon.json {@code hosts}, and the sockets
 * the process really holds (which also covers {@code -H fd://} socket activation).
 */
final class TlsCheck {
  private TlsCheck() {}

  static List<Finding> evaluate(CheckInfo info, BenchContext ctx) throws BenchException {
    DaemonConfig d = ctx.host().daemon();
    EngineEndpoint endpoint = ctx.host().endpoint();
    if (!d.local()) {
      return switch (endpoint) {
        case EngineEndpoint.Tcp t -> {
          ctx.engine().version(); // proves the API answers without TLS
          yield List.of(
              info.finding(
                      Status.FAIL,
                      t.address(),
                      "the Engine API answered over plain TCP at "
                          + t.address()
                          + ", without TLS or client authentication")
                  .build());
        }
        case EngineEndpoint.Tls t ->
            List.of(
                info.finding(
                        Status.ERROR,
                        t.address(),
                        "the daemon at "
                            + t.address()
                            + " speaks TLS, but whether it requires client certificates cannot"
                            + " be told from here: "
                            + d.unknownReason().orElse(""))
                    .build());
        case EngineEndpoint.Unix u -> List.of(DaemonSettingRules.unknown(info, d, "hosts"));
      };
    }
    Map<String, String> tcp = new LinkedHashMap<>();
    for (DaemonConfig.Setting h : d.hosts()) {
      String address = h.first();
      if (address.startsWith("tcp://") || address.matches("^[^/]*:[0-9]+$")) {
        tcp.putIfAbsent(address, h.origin());
      }
    }
    for (String listening : ctx.host().daemonTcpListeners()) {
      tcp.putIfAbsent("tcp://" + listening, "a listening TCP socket held by the process");
    }
    if (tcp.isEmpty()) {
      return List.of(
          info.finding(
                  Status.NOT_APPLICABLE,
                  "hosts",
                  "the daemon does not listen on TCP (hosts: "
                      + d.hosts().stream().map(DaemonConfig.Setting::first).toList()
                      + "; no listening TCP socket among its file descriptors); "
                      + d.describe())
              .build());
    }
    List<Finding> out = new ArrayList<>();
    String tlsState =
        d.tlsVerify()
            ? "--tlsverify is on ("
                + d.setting("tlsverify", "tlsverify").orElseThrow().origin()
                + ")"
            : d.tls()
                ? "--tls is on without --tlsverify, so any client that speaks TLS may connect"
                : "neither --tlsverify nor \"tlsverify\": true is set, so anyone who reaches the"
                    + " port controls the daemon";
    for (Map.Entry<String, String> e : tcp.entrySet()) {
      out.add(
          info.finding(
                  d.tlsVerify() ? Status.PASS : Status.FAIL,
                  e.getKey(),
                  "listens on " + e.getKey() + " (" + e.getValue() + "); " + tlsState)
              .build());
    }
    return out;
  }
}
