/**
 * Installed OS packages and exact version ordering per ecosystem.
 *
 * <p>Readers for the dpkg status database, the apk installed database and the rpm database turn a
 * root filesystem (a host or an image) into {@link dev.drydock.pkg.InstalledPackage} values; {@link
 * dev.drydock.pkg.VersionScheme} orders versions the way each ecosystem's own tool does.
 */
@NullMarked
package dev.drydock.pkg;

import org.jspecify.annotations.NullMarked;
