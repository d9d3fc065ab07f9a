/**
 * The trusted registry: an OCI Distribution 1.1 server over content-addressed storage whose blobs
 * become visible only after their digest is verified, with TLS from drydock's CA. Gates (signature,
 * vulnerabilities) are interfaces here and are wired by the entry points, so that this capability
 * does not depend on the trust or scanner capabilities.
 */
@NullMarked
package dev.drydock.registry;

import org.jspecify.annotations.NullMarked;
