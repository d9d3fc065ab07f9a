/**
 * The host audit: one pass over the CIS benchmark, host patch status, image vulnerabilities and
 * signatures, joined per container into a documented risk score, and the reports that show it. This
 * is a composition module: unlike a capability it may use the bench, scanner and trust
 * capabilities, and only entry points may use it.
 */
@NullMarked
package dev.drydock.audit;

import org.jspecify.annotations.NullMarked;
