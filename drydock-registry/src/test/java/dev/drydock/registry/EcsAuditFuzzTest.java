package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.model.InvalidValueException;
import dev.drydock.registry.AuditLog.AuditEvent;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the ECS audit parser: any text is either refused with an {@link InvalidValueException} or
 * parses into an event that renders and parses back to the same event (one codec, both ways).
 */
class EcsAuditFuzzTest {
  private static final EcsAudit ECS = new EcsAudit();

  @FuzzTest(maxDuration = "60s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    AuditEvent event;
    try {
      event = ECS.parse(text);
    } catch (InvalidValueException expected) {
      return;
    }
    assertThat(ECS.parse(ECS.render(event))).isEqualTo(event);
  }
}
