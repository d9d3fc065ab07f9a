package dev.drydock.oci;

import org.jspecify.annotations.Nullable;

/**
 * One tar header after GNU long-name and PAX records were applied.
 *
 * @param name the entry path as stored (not yet normalised)
 * @param type the entry type
 * @param mode permission bits (and set-id/sticky), 12 bits
 * @param uid owner
 * @param gid group
 * @param size content bytes that follow the header
 * @param linkName the link target for symlinks and hard links, else null
 */
record TarEntry(
    String name,
    FileType type,
    int mode,
    long uid,
    long gid,
    long size,
    @Nullable String linkName) {}
