package dev.drydock.oci;

/** The kinds of file an image layer can hold. */
public enum FileType {
  /** A regular file. */
  FILE,
  /** A directory. */
  DIRECTORY,
  /** A symbolic link; its target is the entry's link target. */
  SYMLINK,
  /** A hard link to an earlier regular file of the image; its target is the link target. */
  HARDLINK,
  /** A character device (reported, never created on extraction). */
  CHAR_DEVICE,
  /** A block device (reported, never created on extraction). */
  BLOCK_DEVICE,
  /** A named pipe (reported, never created on extraction). */
  FIFO
}
