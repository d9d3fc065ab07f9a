package dev.drydock.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLockTest {
  @TempDir Path cache;

  @Test
  void acquire_heldHere_otherJvmCannotTakeIt() throws Exception {
    try (ImageLock _ = ImageLock.acquire(cache)) {
      assertThat(probeInOtherJvm()).isEqualTo(3);
    }
    assertThat(probeInOtherJvm()).isZero();
  }

  @Test
  void acquire_manyThreads_takeTurns() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(
            executor.submit(
                () -> {
                  try (ImageLock _ = ImageLock.acquire(cache)) {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.sleep(20);
                    inside.decrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    assertThat(maxInside).hasValue(1);
  }

  private int probeInOtherJvm() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command =
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            ImageLockProbe.class.getName(),
            cache.toString());
    return new Commands(Map.of()).tryRun(command, Map.of(), Duration.ofSeconds(60)).exitCode();
  }
}
