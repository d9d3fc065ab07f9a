package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.Digest;
import dev.drydock.model.InvalidValueException;
import dev.drydock.registry.AuditLog.AuditEvent;
import dev.drydock.registry.AuditLog.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class EcsAuditTest {
  static final Instant T = Instant.parse("2026-03-04T05:06:07.123456789Z");
  static final Digest D =
      Digest.parse("sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");
  private final EcsAudit ecs = new EcsAudit();

  static final AuditEvent DENIED_PUSH =
      new AuditEvent(
          T,
          Operation.PUSH,
          "robot$team+ci",
          "team/app",
          "v1.2",
          D,
          "192.0.2.7:4711",
          false,
          "trust:prod",
          "no valid prod signature");
  static final AuditEvent ANONYMOUS_PULL =
      new AuditEvent(
          T,
          Operation.PULL,
          "anonymous",
          "public/x",
          D.toString(),
          D,
          "[2001:db8::7]:443",
          true,
          null,
          null);
  static final AuditEvent FAILED_LOGIN =
      new AuditEvent(
          T,
          Operation.LOGIN,
          "alice",
          null,
          null,
          null,
          "ci.example",
          false,
          "password",
          "wrong password");
  static final AuditEvent ADMIN =
      new AuditEvent(
          T, Operation.ADMIN, "root", null, null, null, null, true, null, "created project team");

  private static String golden(String name) throws IOException {
    try (InputStream in = EcsAuditTest.class.getResourceAsStream("/ecs/" + name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8)
          .strip();
    }
  }

  @Test
  void rendersByteForByteAsTheGoldenFiles() throws Exception {
    assertThat(ecs.render(DENIED_PUSH)).isEqualTo(golden("push-denied.json"));
    assertThat(ecs.render(ANONYMOUS_PULL)).isEqualTo(golden("pull-anonymous.json"));
    assertThat(ecs.render(FAILED_LOGIN)).isEqualTo(golden("login-failed.json"));
    assertThat(ecs.render(ADMIN)).isEqualTo(golden("admin.json"));
  }

  @Test
  void usesTheEcsFieldNames() throws Exception {
    JsonNode push = new ObjectMapper().readTree(ecs.render(DENIED_PUSH));
    assertThat(push.at("/event/kind").asText()).isEqualTo("event");
    assertThat(push.at("/event/category/0").asText()).isEqualTo("web");
    assertThat(push.at("/event/type").toString()).isEqualTo("[\"creation\",\"denied\"]");
    assertThat(push.at("/event/action").asText()).isEqualTo("registry-push");
    assertThat(push.at("/event/outcome").asText()).isEqualTo("failure");
    assertThat(push.at("/source/ip").asText()).isEqualTo("192.0.2.7");
    assertThat(push.at("/source/port").intValue()).isEqualTo(4711);
    assertThat(push.at("/container/image/hash/all/0").asText()).isEqualTo(D.toString());
    assertThat(push.at("/rule/name").asText()).isEqualTo("trust:prod");
    assertThat(push.at("/service/type").asText()).isEqualTo("drydock-registry");
    JsonNode pull = new ObjectMapper().readTree(ecs.render(ANONYMOUS_PULL));
    assertThat(pull.has("user")).isFalse();
    assertThat(pull.at("/source/ip").asText()).isEqualTo("2001:db8::7");
    JsonNode login = new ObjectMapper().readTree(ecs.render(FAILED_LOGIN));
    assertThat(login.at("/event/category/0").asText()).isEqualTo("authentication");
    assertThat(login.at("/source/address").asText()).isEqualTo("ci.example");
    assertThat(new ObjectMapper().readTree(ecs.render(ADMIN)).at("/event/category/0").asText())
        .isEqualTo("iam");
  }

  @Test
  void parsesBackWhatItRenders() {
    for (AuditEvent e :
        List.of(
            DENIED_PUSH,
            ANONYMOUS_PULL,
            FAILED_LOGIN,
            ADMIN,
            new AuditEvent(T, Operation.DELETE, "bob", "a/b", null, D, "::1", true, null, null),
            // Found by EcsAuditFuzzTest: a digest without a repository was dropped.
            new AuditEvent(T, Operation.PULL, "bob", null, null, D, null, true, null, null),
            // Also found by it: a port with a leading zero did not survive.
            new AuditEvent(T, Operation.PULL, "bob", null, null, null, "0.:07", true, null, null),
            new AuditEvent(
                T, Operation.PUSH, "bob", "a/b", "latest", null, "host:99999", true, null, null))) {
      assertThat(ecs.parse(ecs.render(e))).isEqualTo(e);
    }
  }

  @Test
  void refusesWhatIsNotARegistryEvent() {
    for (String bad :
        List.of(
            "",
            "[]",
            "{",
            "{}",
            "{\"service\":{\"type\":\"other\"}}",
            ecs.render(ADMIN).replace("registry-admin", "registry-fly"),
            ecs.render(ADMIN).replace("registry-admin", "push"),
            ecs.render(ADMIN).replace("2026-03-04", "yesterday"),
            ecs.render(ADMIN).replace("success", "maybe"),
            ecs.render(DENIED_PUSH).replace("/v2/team/app/", "/v2/other/"),
            ecs.render(DENIED_PUSH).replace("sha256:2c", "sha256:zz"),
            "x".repeat(EcsAudit.MAX_INPUT + 1))) {
      assertThatThrownBy(() -> ecs.parse(bad)).as(bad).isInstanceOf(InvalidValueException.class);
    }
  }
}
