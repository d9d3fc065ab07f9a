package dev.drydock.registry;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the S3 answer parser: it either returns a tree or throws IllegalArgumentException. */
class S3XmlFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void parse(byte[] input) {
    try {
      S3Xml.Element root = S3Xml.parse(input);
      root.text("Code");
      root.all("Contents");
    } catch (IllegalArgumentException expected) {
      // refused input
    }
  }
}
