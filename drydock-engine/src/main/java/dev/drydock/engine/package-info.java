/**
 * A thin client for the Docker Engine API, over the daemon's Unix socket or TCP (plain or TLS).
 *
 * <p>Start from {@link dev.drydock.engine.EngineEndpoint} (where the daemon is) and {@link
 * dev.drydock.engine.EngineClient} (what to ask it). Every failure to reach or understand the
 * daemon is an {@link dev.drydock.engine.EngineException}; malformed endpoint text is an unchecked
 * {@link dev.drydock.model.InvalidValueException}.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/">Docker Engine API</a>
 */
@NullMarked
package dev.drydock.engine;

import org.jspecify.annotations.NullMarked;
