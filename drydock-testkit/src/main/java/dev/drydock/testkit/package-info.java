/**
 * Integration-test support against a real Docker engine: finds or starts dockerd ({@link
 * dev.drydock.testkit.TestDocker}), builds test images without a registry ({@link
 * dev.drydock.testkit.TestImages}), names and cleans up test containers and networks, and runs a
 * private second daemon ({@link dev.drydock.testkit.PrivateDockerd}).
 *
 * <p>Configuration comes from the environment map the caller passes (usually {@code
 * System.getenv()} from the test class): {@code DOCKER_HOST}, {@code HOME}, {@code PATH}, and the
 * optional {@code DRYDOCK_TESTKIT_CACHE} (cache directory) and {@code
 * DRYDOCK_TESTKIT_DEBIAN_MIRROR}.
 */
@NullMarked
package dev.drydock.testkit;

import org.jspecify.annotations.NullMarked;
