/**
 * Values shared by every drydock module. Each record validates itself on construction, so a value
 * that exists is a valid value. This module has no dependencies beyond JSpecify annotations.
 */
@NullMarked
package dev.drydock.model;

import org.jspecify.annotations.NullMarked;
