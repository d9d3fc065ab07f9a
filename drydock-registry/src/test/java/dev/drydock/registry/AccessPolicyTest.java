package dev.drydock.registry;

import static dev.drydock.registry.TestRegistry.bytes;
import static dev.drydock.registry.TestRegistry.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.registry.AccessPolicy.Action;
import dev.drydock.registry.AccessPolicy.Decision;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seam for authentication, RBAC and gates: refusals carry the policy and reason. */
class AccessPolicyTest {
  @TempDir Path data;

  @Test
  void deniedPushNamesThePolicyAndReason() throws Exception {
    AccessPolicy policy =
        r ->
            r.action() == Action.PUSH && "prod/app".equals(r.repository())
                ? new Decision.Deny("immutable:prod", "prod tags are immutable")
                : Decision.ALLOW;
    try (TestRegistry registry = TestRegistry.start(data, policy)) {
      HttpResponse<byte[]> r = registry.send("POST", "/v2/prod/app/blobs/uploads/", new byte[0]);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(errorCode(r)).isEqualTo("DENIED");
      var error = TestRegistry.json(r).get("errors").get(0);
      assertThat(error.get("message").textValue())
          .isEqualTo("denied by policy immutable:prod: prod tags are immutable");
      assertThat(error.get("detail").get("policy").textValue()).isEqualTo("immutable:prod");
      assertThat(registry.send("POST", "/v2/dev/app/blobs/uploads/", new byte[0]).statusCode())
          .isEqualTo(202);
    }
  }

  @Test
  void pullGateSeesTheResolvedManifestDigest() throws Exception {
    AtomicReference<Digest> blocked = new AtomicReference<>();
    List<AccessPolicy.AccessRequest> seen = new CopyOnWriteArrayList<>();
    AccessPolicy gate =
        r -> {
          seen.add(r);
          return r.manifest() != null && r.manifest().equals(blocked.get())
              ? new Decision.Deny("vulnerabilities:critical", "CVE-2024-0001 is critical")
              : Decision.ALLOW;
        };
    try (TestRegistry registry = TestRegistry.start(data, gate)) {
      var image = registry.pushImage("app", "v1", bytes("layer"));
      assertThat(registry.get("/v2/app/manifests/v1").statusCode()).isEqualTo(200);
      blocked.set(image.digest());
      HttpResponse<byte[]> r = registry.get("/v2/app/manifests/v1");
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(TestRegistry.text(r)).contains("vulnerabilities:critical", "CVE-2024-0001");
      assertThat(seen)
          .anySatisfy(
              s -> {
                assertThat(s.action()).isEqualTo(Action.PULL);
                assertThat(s.manifest()).isEqualTo(image.digest());
                assertThat(s.remote()).isNotNull();
              });
    }
  }

  @Test
  void mountNeedsPullOnTheSourceRepository() throws Exception {
    AccessPolicy policy =
        r ->
            r.action() == Action.PULL && "secret".equals(r.repository())
                ? new Decision.Deny("rbac", "no pull on secret")
                : Decision.ALLOW;
    try (TestRegistry registry = TestRegistry.start(data, policy)) {
      Digest digest = registry.pushBlob("secret", bytes("secret layer"));
      HttpResponse<byte[]> r =
          registry.send(
              "POST", "/v2/mine/blobs/uploads/?mount=" + digest + "&from=secret", new byte[0]);
      assertThat(r.statusCode()).isEqualTo(202);
      assertThat(registry.get("/v2/mine/blobs/" + digest).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void internalErrorsHideTheirTextAndLogItUnderAnIncidentId() throws Exception {
    AccessPolicy broken =
        r -> {
          throw new IllegalStateException("cannot read /srv/secret/policy.json: Permission denied");
        };
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger log = Logger.getLogger(RegistryHandler.class.getName());
    log.addHandler(capture);
    try (TestRegistry registry = TestRegistry.start(data, broken)) {
      HttpResponse<byte[]> r = registry.get("/v2/app/tags/list");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(errorCode(r)).isEqualTo("UNKNOWN");
      assertThat(TestRegistry.text(r)).doesNotContain("/srv/secret", "Permission denied");
      var error = TestRegistry.json(r).get("errors").get(0);
      String incident = error.get("detail").get("incident").textValue();
      assertThat(incident).matches("[0-9a-f-]{36}");
      assertThat(error.get("message").textValue()).contains(incident);
      assertThat(logged)
          .anySatisfy(
              record -> {
                assertThat(record.getMessage()).contains(incident, "/v2/app/tags/list");
                assertThat(record.getThrown()).hasMessageContaining("/srv/secret");
              });
      // each failure gets its own id
      String again =
          TestRegistry.json(registry.get("/v2/app/tags/list"))
              .get("errors")
              .get(0)
              .get("detail")
              .get("incident")
              .textValue();
      assertThat(again).isNotEqualTo(incident);
    } finally {
      log.removeHandler(capture);
    }
  }
}
