/**
 * OCI and Docker image model and readers: manifests, indexes, configs, layers with whiteouts, and
 * the sources images come from (a Docker daemon, {@code docker save} archives, OCI layouts,
 * registries).
 */
@NullMarked
package dev.drydock.oci;

import org.jspecify.annotations.NullMarked;
