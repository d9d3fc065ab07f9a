package dev.drydock.bench;

/**
 * Reads a container or image {@code User} ({@code name}, {@code uid}, {@code name:group}, {@code
 * uid:gid}). Resolving a name to UID 0 through the image's {@code /etc/passwd} is out of scope:
 * only the literal forms of root are recognised.
 */
final class Users {
  private Users() {}

  /**
   * {@return whether the user is root: empty (the default), {@code root} or UID 0 (also {@code
   * 00}), with or without a group}
   */
  static boolean isRoot(String user) {
    String who = user.strip();
    int colon = who.indexOf(':');
    if (colon >= 0) {
      who = who.substring(0, colon).strip();
    }
    if (who.isEmpty() || who.equals("root")) {
      return true;
    }
    return !who.isEmpty() && who.chars().allMatch(c -> c == '0');
  }
}
