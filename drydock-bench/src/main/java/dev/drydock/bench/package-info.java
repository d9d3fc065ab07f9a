/**
 * The CIS Docker Benchmark audit and host patch status.
 *
 * <p>{@link dev.drydock.bench.Bench} collects facts about a Docker host once (Engine API, the
 * serving daemon's flags and {@code daemon.json}, host files under a root prefix) and evaluates
 * every selected check against them, giving one {@link dev.drydock.model.Finding} per check and
 * object.
 */
@NullMarked
package dev.drydock.bench;

import org.jspecify.annotations.NullMarked;
