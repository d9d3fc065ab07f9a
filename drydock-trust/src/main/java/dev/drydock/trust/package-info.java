/**
 * Signing keys, image signatures and trust policies: cosign-compatible key files, the cosign
 * Sigstore bundle (DSSE over an in-toto statement), legacy cosign simple signing, containers
 * OpenPGP simple signing, and per-environment policies that say which signatures an image needs.
 */
@NullMarked
package dev.drydock.trust;

import org.jspecify.annotations.NullMarked;
