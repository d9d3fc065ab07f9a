package dev.drydock.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadableTest {
  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final AtomicInteger loads = new AtomicInteger();

  @Test
  void current_changedFileBeforeInterval_keepsValue() throws Exception {
    Path file = write("a");
    Reloadable<String> value =
        Reloadable.load(List.of(file), () -> read(file), Duration.ofSeconds(5), clock);
    write("bb");
    clock.advance(Duration.ofSeconds(4));
    assertThat(value.current()).isEqualTo("a");
    clock.advance(Duration.ofSeconds(1));
    assertThat(value.current()).isEqualTo("bb");
    assertThat(value.previous()).isEqualTo("a");
  }

  @Test
  void current_unchangedFile_notReloaded() throws Exception {
    Path file = write("a");
    Reloadable<String> value =
        Reloadable.load(List.of(file), () -> read(file), Duration.ZERO, clock);
    for (int i = 0; i < 5; i++) {
      assertThat(value.current()).isEqualTo("a");
    }
    assertThat(loads).hasValue(1);
  }

  @Test
  void current_failedReload_keepsOldAndRetriesOnlyAfterNextChange() throws Exception {
    Path file = write("a");
    Reloadable<String> value =
        Reloadable.load(List.of(file), () -> read(file), Duration.ZERO, clock);
    write("bad!");
    assertThat(value.current()).isEqualTo("a");
    assertThat(value.current()).isEqualTo("a");
    assertThat(loads).hasValue(2);
    write("ccc");
    assertThat(value.current()).isEqualTo("ccc");
    assertThat(value.peek()).isEqualTo("ccc");
  }

  @Test
  void current_fileDeleted_keepsOld() throws Exception {
    Path file = write("a");
    Reloadable<String> value =
        Reloadable.load(List.of(file), () -> read(file), Duration.ZERO, clock);
    Files.delete(file);
    assertThat(value.current()).isEqualTo("a");
  }

  private Path write(String content) throws Exception {
    Path file = tmp.resolve("f");
    Path temp = tmp.resolve("f.tmp");
    Files.writeString(temp, content);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  private String read(Path file) throws PkiException {
    loads.incrementAndGet();
    try {
      String content = Files.readString(file);
      if (content.endsWith("!")) {
        throw new PkiException("bad content in " + file);
      }
      return content;
    } catch (IOException e) {
      throw new PkiException("cannot read " + file, e);
    }
  }
}
