/**
 * drydock's own certificate authority and the TLS contexts of drydock's servers and clients.
 *
 * <p>{@link dev.drydock.pki.CertificateAuthority} creates and opens a two-level CA (a root and an
 * issuing CA) in a directory; {@link dev.drydock.pki.Issuer}, obtained by unlocking it, issues,
 * revokes and publishes CRLs. {@link dev.drydock.pki.TlsContext} builds mutually authenticated TLS
 * 1.3 contexts from the PEM files the CA writes, and picks up rotated files without a restart.
 * Failures that touch files or peers throw the checked {@link dev.drydock.pki.PkiException}; bad
 * values throw {@link dev.drydock.model.InvalidValueException}.
 */
@NullMarked
package dev.drydock.pki;

import org.jspecify.annotations.NullMarked;
