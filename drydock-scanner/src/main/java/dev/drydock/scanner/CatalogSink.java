package dev.drydock.scanner;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Collects what the cataloguers find during one catalogue run; not shared between runs. */
final class CatalogSink {
  /** More problems than this are counted, not kept: a hostile image could have millions. */
  static final int MAX_PROBLEMS = 1000;

  private final List<ImagePackage> packages = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private long droppedProblems;

  void add(ImagePackage pkg) {
    packages.add(pkg);
  }

  /** Records a file that could not be catalogued: the path and what was wrong with it. */
  void problem(String path, @Nullable String what) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(path + ": " + (what == null ? "unreadable" : what));
    } else {
      droppedProblems++;
    }
  }

  List<ImagePackage> packages() {
    return packages;
  }

  List<String> problems() {
    List<String> out = new ArrayList<>(problems);
    if (droppedProblems > 0) {
      out.add("... and " + droppedProblems + " more problems");
    }
    return out;
  }
}
