package dev.drydock.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.Digest;
import dev.drydock.registry.AccessPolicy.Action;
import dev.drydock.registry.MetadataStore.ManifestRecord;
import dev.drydock.registry.Refs.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Manifest pulls, pushes and deletes, by tag or digest.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pushing-manifests">pushing
 *     manifests</a>
 */
final class ManifestEndpoints {
  /** Most tags accepted in one push by digest ({@code ?tag=}); the spec asks for at least 10. */
  static final int MAX_TAGS_PER_PUSH = 32;

  /**
   * Asks the access policy about a resolved manifest (the pull gate) or a parsed push (immutable
   * tags, quotas); see {@link AccessPolicy.AccessRequest}.
   */
  @FunctionalInterface
  interface Guard {
    void check(
        Exchange x,
        Action action,
        @Nullable String repository,
        @Nullable Digest manifest,
        @Nullable String tag,
        long bytes);
  }

  private final BlobStorage blobs;
  private final MetadataStore metadata;
  private final RegistryConfig config;
  private final ObjectMapper json;
  private final Guard guard;

  ManifestEndpoints(RegistryHandler.Storage storage, ObjectMapper json, Guard guard) {
    this.blobs = storage.blobs();
    this.metadata = storage.metadata();
    this.config = storage.config();
    this.json = json;
    this.guard = guard;
  }

  void handle(Exchange x, String name, Reference reference) throws RegistryException, IOException {
    switch (x.method()) {
      case "GET", "HEAD" -> get(x, name, reference);
      case "PUT" -> put(x, name, reference);
      case "DELETE" -> delete(x, name, reference);
      default -> throw new IllegalStateException("routed method " + x.method());
    }
  }

  private void get(Exchange x, String name, Reference reference)
      throws RegistryException, IOException {
    Digest digest = resolve(name, reference);
    ManifestRecord record = digest == null ? null : metadata.manifest(name, digest);
    if (digest == null || record == null) {
      throw unknown(name, reference);
    }
    if (!x.isHead()) {
      // Pull gates judge the content. A HEAD gives only digest, type and size, which signers
      // (cosign, drydock sign) need to attach a signature to an image the gate still refuses.
      guard.check(x, Action.PULL, name, digest, null, 0);
    }
    x.header("Docker-Content-Digest", digest.toString());
    x.header("ETag", "\"" + digest + "\"");
    if (x.isHead()) {
      x.sendHeaders(200, record.mediaType(), record.size());
      return;
    }
    byte[] body;
    try (InputStream in = blobs.open(digest, 0)) {
      body = in.readNBytes(config.maxManifestBytes() + 1);
    }
    x.send(200, record.mediaType(), body);
  }

  private @Nullable Digest resolve(String name, Reference reference) throws RegistryException {
    return switch (reference) {
      case Reference.ByDigest d -> d.digest();
      case Reference.ByTag t -> metadata.resolveTag(name, t.tag());
    };
  }

  private DistributionException unknown(String name, Reference reference) throws RegistryException {
    if (!metadata.repositoryExists(name)) {
      return new DistributionException(
          ErrorCode.NAME_UNKNOWN, "repository " + name + " is unknown");
    }
    String shown =
        switch (reference) {
          case Reference.ByDigest d -> d.digest().toString();
          case Reference.ByTag t -> t.tag();
        };
    return new DistributionException(
        ErrorCode.MANIFEST_UNKNOWN, "manifest " + shown + " is not in repository " + name);
  }

  private void put(Exchange x, String name, Reference reference)
      throws RegistryException, IOException {
    byte[] body = x.readBody(config.maxManifestBytes());
    ManifestInfo info = ManifestInfo.parse(json, body, x.contentType());
    Digest digest;
    List<String> tags = new ArrayList<>();
    switch (reference) {
      case Reference.ByDigest d -> {
        digest = Hashing.digest(d.digest().algorithm(), body);
        if (!digest.equals(d.digest())) {
          throw new DistributionException(
              ErrorCode.DIGEST_INVALID,
              "the manifest hashes to " + digest + ", not " + d.digest() + " as the URL says");
        }
        List<String> extra = x.queryAll("tag");
        if (extra.size() > MAX_TAGS_PER_PUSH) {
          throw new DistributionException(
              ErrorCode.UNSUPPORTED, 414, "at most " + MAX_TAGS_PER_PUSH + " tags per push", null);
        }
        for (String tag : extra) {
          if (!Refs.isTag(tag)) {
            throw new DistributionException(
                ErrorCode.MANIFEST_INVALID, "tag '" + Refs.clip(tag) + "' is not a valid tag");
          }
          tags.add(tag);
        }
      }
      case Reference.ByTag t -> {
        digest = Hashing.digest("sha256", body);
        tags.add(t.tag());
      }
    }
    requireReferenced(name, info);
    // The project rules judge the push before anything is stored: immutable tags per tag moved,
    // the quota once for the manifest's bytes.
    if (tags.isEmpty()) {
      guard.check(x, Action.PUSH, name, digest, null, body.length);
    }
    long bytes = body.length;
    for (String tag : tags) {
      guard.check(x, Action.PUSH, name, digest, tag, bytes);
      bytes = 0;
    }
    blobs.put(body, digest);
    ManifestInfo.Descriptor subject = info.subject();
    metadata.putManifest(
        name,
        new ManifestRecord(
            digest,
            info.mediaType(),
            body.length,
            subject == null ? null : subject.digest(),
            info.artifactType(),
            info.annotations()));
    for (String tag : tags) {
      metadata.tag(name, tag, digest);
    }
    if (reference instanceof Reference.ByDigest && !tags.isEmpty()) {
      for (String tag : tags) {
        x.addHeader("OCI-Tag", tag);
      }
    }
    if (subject != null) {
      x.header("OCI-Subject", subject.digest().toString());
    }
    x.header("Location", "/v2/" + name + "/manifests/" + digest);
    x.header("Docker-Content-Digest", digest.toString());
    x.send(201);
  }

  /** Refuses a manifest naming blobs, or an index naming manifests, the repository lacks. */
  private void requireReferenced(String name, ManifestInfo info) throws RegistryException {
    for (Digest blob : info.blobs()) {
      if (!metadata.isBlobLinked(name, blob) || blobs.size(blob) < 0) {
        throw new DistributionException(
            ErrorCode.MANIFEST_BLOB_UNKNOWN,
            "the manifest references blob "
                + blob
                + ", which is not in repository "
                + name
                + ": push it first",
            "{\"digest\":\"" + blob + "\"}");
      }
    }
    for (Digest manifest : info.manifests()) {
      if (metadata.manifest(name, manifest) == null) {
        throw new DistributionException(
            ErrorCode.MANIFEST_BLOB_UNKNOWN,
            "the index references manifest "
                + manifest
                + ", which is not in repository "
                + name
                + ": push it first",
            "{\"digest\":\"" + manifest + "\"}");
      }
    }
  }

  private void delete(Exchange x, String name, Reference reference) throws RegistryException {
    switch (reference) {
      case Reference.ByDigest d -> guard.check(x, Action.DELETE, name, d.digest(), null, 0);
      case Reference.ByTag t -> guard.check(x, Action.DELETE, name, null, t.tag(), 0);
    }
    boolean deleted =
        switch (reference) {
          case Reference.ByDigest d -> metadata.deleteManifest(name, d.digest());
          case Reference.ByTag t -> metadata.untag(name, t.tag());
        };
    if (!deleted) {
      throw unknown(name, reference);
    }
    x.send(202);
  }
}
