package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what the token endpoint parses from untrusted clients: the form body of the POST flow and
 * the HTTP Basic header. Either parses within its bounds or is refused as a bad request (400),
 * never anything else.
 */
class TokenRequestFuzzTest {
  @FuzzTest(maxDuration = "30s")
  @Timeout(10)
  void parse(FuzzedDataProvider data) {
    String header = data.consumeString(512);
    String form = data.consumeRemainingAsString();
    try {
      Map<String, List<String>> fields = TokenEndpoint.parseForm(form);
      assertThat(fields.values().stream().mapToInt(List::size).sum()).isLessThanOrEqualTo(64);
    } catch (TokenEndpoint.Refusal refused) {
      assertThat(refused.status).isEqualTo(400);
    }
    try {
      String[] credentials = TokenEndpoint.basic(header);
      assertThat(credentials).hasSize(2);
      assertThat(credentials[0]).doesNotContain(":");
    } catch (TokenEndpoint.Refusal refused) {
      assertThat(refused.status).isEqualTo(400);
    }
  }
}
