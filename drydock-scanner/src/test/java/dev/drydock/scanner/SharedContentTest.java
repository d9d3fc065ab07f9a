package dev.drydock.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Digest;
import dev.drydock.oci.FileEntry;
import dev.drydock.oci.FileType;
import org.junit.jupiter.api.Test;

class SharedContentTest {
  private static final Digest LAYER = new Digest("sha256", "a".repeat(64));

  private static FileEntry file(String path, long size) {
    return new FileEntry(path, FileType.FILE, 0755, size, null, 0, 0, LAYER, 0);
  }

  private static FileEntry link(String path, String target, long size) {
    return new FileEntry(path, FileType.HARDLINK, 0755, size, target, 0, 0, LAYER, 0);
  }

  @Test
  void targetVisitedFirst_handsItsLinksOverAndTheLinksAreSkippedLater() {
    FileEntry target = file("/bin/a", 10);
    FileEntry l1 = link("/bin/b", "/bin/a", 10);
    FileEntry l2 = link("/bin/c", "/bin/a", 10);
    SharedContent s = SharedContent.plan(java.util.List.of(target, l1, l2), e -> true);

    assertThat(s.takeLink(target)).isTrue();
    assertThat(s.linksTo(target)).containsExactly(l1, l2);
    assertThat(s.takeLink(l1)).isFalse();
    assertThat(s.takeLink(l2)).isFalse();
  }

  @Test
  void linkVisitedBeforeItsPath_isReadItselfAndNotHandedToALaterFileThere() {
    FileEntry link = link("/bin/b", "/bin/a", 10);
    FileEntry laterFile = file("/bin/a", 99);
    SharedContent s = SharedContent.plan(java.util.List.of(laterFile, link), e -> true);

    assertThat(s.takeLink(link)).isTrue();
    assertThat(s.linksTo(laterFile)).isEmpty();
  }

  @Test
  void unwantedOrOversizedLinks_areNotPlanned() {
    long big = SharedContent.MAX_BYTES + 1;
    FileEntry bigTarget = file("/big", big);
    FileEntry bigLink = link("/big2", "/big", big);
    FileEntry target = file("/small", 1);
    FileEntry unwanted = link("/small2", "/small", 1);
    SharedContent s =
        SharedContent.plan(
            java.util.List.of(bigTarget, bigLink, target, unwanted),
            e -> !e.path().equals("/small2"));

    assertThat(s.linksTo(bigTarget)).isEmpty();
    assertThat(s.linksTo(target)).isEmpty();
    assertThat(s.takeLink(bigLink)).isTrue();
    assertThat(s.takeLink(unwanted)).isTrue();
  }
}
