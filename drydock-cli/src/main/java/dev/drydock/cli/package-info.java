/**
 * The {@code drydock} command. This is the one module that prints, reads the environment and exits:
 * it turns flags, environment and files into immutable configuration, calls the libraries, and
 * renders what they return.
 */
@NullMarked
package dev.drydock.cli;

import org.jspecify.annotations.NullMarked;
