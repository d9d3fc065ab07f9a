package dev.drydock.registry;

import java.util.Set;

/**
 * A member's role in a project, as in Harbor: each role can do what the one below it can, and more.
 * Permissions are checked per project, the first component of a repository name.
 */
public enum Role {
  /** Pulls images. */
  GUEST,
  /** Pulls and pushes images. */
  DEVELOPER,
  /** Pulls, pushes and deletes images. */
  MAINTAINER,
  /** Everything, including managing the project's members and policies. */
  ADMIN;

  /** {@return whether this role grants {@code permission}} */
  public boolean grants(Permission permission) {
    return permissions().contains(permission);
  }

  /** {@return what this role may do} */
  public Set<Permission> permissions() {
    return switch (this) {
      case GUEST -> Set.of(Permission.PULL);
      case DEVELOPER -> Set.of(Permission.PULL, Permission.PUSH);
      case MAINTAINER -> Set.of(Permission.PULL, Permission.PUSH, Permission.DELETE);
      case ADMIN -> Set.of(Permission.PULL, Permission.PUSH, Permission.DELETE, Permission.MANAGE);
    };
  }

  /** What can be done in a project. */
  public enum Permission {
    /** Read manifests, blobs, tags and referrers ({@code pull} in token scopes). */
    PULL,
    /** Upload blobs and push manifests and tags ({@code push}). */
    PUSH,
    /** Delete manifests, tags and blobs ({@code delete}). */
    DELETE,
    /** Manage members and policies of the project. */
    MANAGE
  }
}
