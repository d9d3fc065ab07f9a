/**
 * Renders a {@link dev.drydock.model.Report} in the formats drydock's reporting commands share: a
 * human table, JSON with a stable schema ({@code drydock-report/v1}), SARIF 2.1.0 and JUnit XML,
 * and turns a report plus a {@link dev.drydock.report.FailOn} threshold into a CI exit code.
 */
@NullMarked
package dev.drydock.report;

import org.jspecify.annotations.NullMarked;
