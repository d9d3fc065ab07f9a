package dev.drydock.engine;

import java.util.List;
import java.util.Locale;

/**
 * The processes running in one container, from {@code GET /containers/{id}/top} (the daemon runs
 * {@code ps} on the host over the container's cgroup, so nothing runs inside the container).
 *
 * @param titles the column titles, e.g. {@code UID PID PPID C STIME TTY TIME CMD}
 * @param processes one row per process, in title order
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Container/operation/ContainerTop">ContainerTop</a>
 */
public record ContainerProcesses(List<String> titles, List<List<String>> processes) {

  /** Copies the lists and rejects rows whose width differs from the titles'. */
  public ContainerProcesses {
    titles = List.copyOf(titles);
    processes = processes.stream().map(List::copyOf).toList();
    for (List<String> row : processes) {
      if (row.size() != titles.size()) {
        throw new IllegalArgumentException(
            "a process row has " + row.size() + " columns but there are " + titles.size());
      }
    }
  }

  /** {@return every process's command line ({@code CMD} or {@code COMMAND} column)} */
  public List<String> commands() {
    int column = -1;
    for (int i = 0; i < titles.size(); i++) {
      String t = titles.get(i).toUpperCase(Locale.ROOT);
      if (t.equals("CMD") || t.equals("COMMAND")) {
        column = i;
      }
    }
    if (column < 0) {
      return List.of();
    }
    int c = column;
    return processes.stream().map(row -> row.get(c)).toList();
  }
}
