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
}
