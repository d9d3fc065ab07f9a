package dev.drydock.registry;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts a test from the forbidden-apis check (which honours any annotation of this simple name),
 * for JDK-specific tools such as JFR that a test needs to observe the JDK's own behaviour.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
@interface SuppressForbidden {
  /** {@return why the forbidden API is needed} */
  String reason();
}
