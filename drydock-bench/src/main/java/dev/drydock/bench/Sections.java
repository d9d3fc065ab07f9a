package dev.drydock.bench;

/** The CIS Docker Benchmark's section titles, used to group results. */
final class Sections {
  private Sections() {}

  static String title(int section) {
    return switch (section) {
      case 1 -> "1 Host configuration";
      case 2 -> "2 Docker daemon configuration";
      case 3 -> "3 Docker daemon configuration files";
      case 4 -> "4 Container images and build file";
      case 5 -> "5 Container runtime";
      case 6 -> "6 Docker security operations";
      case 7 -> "7 Docker swarm configuration";
      default -> throw new IllegalArgumentException("No CIS section " + section);
    };
  }
}
