/** SBOM cataloguers and known-vulnerability matching against OSV data. */
@NullMarked
package dev.drydock.scanner;

import org.jspecify.annotations.NullMarked;
