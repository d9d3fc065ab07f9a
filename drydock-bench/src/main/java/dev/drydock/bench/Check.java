package dev.drydock.bench;

import dev.drydock.model.Finding;
import java.util.List;

/**
 * One automated or manual recommendation. Evaluation reads facts from the context (collected once
 * and shared by every check) and returns at least one finding: one per failing object, or one pass,
 * manual or not-applicable finding that names what was examined.
 */
interface Check {

  CheckInfo info();

  /**
   * Evaluates the check.
   *
   * @throws BenchException when a fact it needs could not be collected; the run reports the check
   *     as an error and goes on
   */
  List<Finding> evaluate(BenchContext context) throws BenchException;

  /** A check defined by its info and a function, the usual way to write one. */
  static Check of(CheckInfo info, Evaluator evaluator) {
    return new Check() {
      @Override
      public CheckInfo info() {
        return info;
      }

      @Override
      public List<Finding> evaluate(BenchContext context) throws BenchException {
        return evaluator.evaluate(info, context);
      }
    };
  }

  /** The body of a check. */
  @FunctionalInterface
  interface Evaluator {
    List<Finding> evaluate(CheckInfo info, BenchContext context) throws BenchException;
  }
}
