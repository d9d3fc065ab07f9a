package dev.drydock.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.Digest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@link MetadataStore} in a {@link JdbcDatabase}: what several registry nodes sharing one
 * PostgreSQL database (and one object store) need to agree on. Tables {@code registry_blob_links},
 * {@code registry_manifests} (with subject and artifact type for the referrers API) and {@code
 * registry_tags}; names compare by code point so catalog and tag lists page in the order the
 * distribution spec asks for. The embedded default remains {@link FileMetadataStore}.
 */
final class JdbcMetadataStore implements MetadataStore {
  private static final TypeReference<TreeMap<String, String>> ANNOTATIONS =
      new TypeReference<>() {};

  private final JdbcDatabase db;
  private final ObjectMapper json = new ObjectMapper();

  JdbcMetadataStore(JdbcDatabase db) {
    this.db = db;
  }

  @Override
  public boolean repositoryExists(String repository) throws RegistryException {
    return !strings(
            "SELECT 1 FROM registry_blob_links WHERE repository = ? UNION ALL"
                + " SELECT 1 FROM registry_manifests WHERE repository = ? LIMIT 1",
            "look up repository " + repository,
            repository,
            repository)
        .isEmpty();
  }

  @Override
  public List<String> repositories(@Nullable String last, int limit) throws RegistryException {
    String from = last == null ? "" : last;
    return strings(
        "SELECT repository FROM (SELECT repository FROM registry_blob_links WHERE repository > ?"
            + " UNION SELECT repository FROM registry_manifests WHERE repository > ?) names"
            + " ORDER BY repository LIMIT ?",
        "list repositories",
        from,
        from,
        limit);
  }

  @Override
  public void linkBlob(String repository, Digest digest) throws RegistryException {
    String sql = db.dialect().upsert("registry_blob_links", List.of("repository", "digest"), 2);
    update(sql, "link blob " + digest + " to " + repository, repository, digest.toString());
  }

  @Override
  public boolean isBlobLinked(String repository, Digest digest) throws RegistryException {
    return !strings(
            "SELECT 1 FROM registry_blob_links WHERE repository = ? AND digest = ?",
            "look up blob " + digest + " in " + repository,
            repository,
            digest.toString())
        .isEmpty();
  }

  @Override
  public List<Digest> linkedBlobs(String repository) throws RegistryException {
    return strings(
            "SELECT digest FROM registry_blob_links WHERE repository = ? ORDER BY digest",
            "list the blobs of " + repository,
            repository)
        .stream()
        .map(Digest::parse)
        .toList();
  }

  @Override
  public boolean unlinkBlob(String repository, Digest digest) throws RegistryException {
    return update(
            "DELETE FROM registry_blob_links WHERE repository = ? AND digest = ?",
            "unlink blob " + digest + " from " + repository,
            repository,
            digest.toString())
        > 0;
  }

  @Override
  public void putManifest(String repository, ManifestRecord m) throws RegistryException {
    String sql =
        db.dialect()
            .upsert(
                "registry_manifests",
                List.of(
                    "repository",
                    "digest",
                    "media_type",
                    "size",
                    "subject",
                    "artifact_type",
                    "annotations"),
                2);
    String annotations;
    try {
      annotations = json.writeValueAsString(new TreeMap<>(m.annotations()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("annotations of " + m.digest() + " do not encode", e);
    }
    Digest subject = m.subject();
    update(
        sql,
        "record manifest " + m.digest() + " in " + repository,
        repository,
        m.digest().toString(),
        m.mediaType(),
        m.size(),
        subject == null ? null : subject.toString(),
        m.artifactType(),
        annotations);
  }

  @Override
  public @Nullable ManifestRecord manifest(String repository, Digest digest)
      throws RegistryException {
    List<ManifestRecord> found =
        manifests(
            "repository = ? AND digest = ?",
            "read manifest " + digest + " of " + repository,
            repository,
            digest.toString());
    return found.isEmpty() ? null : found.getFirst();
  }

  @Override
  public List<Digest> manifests(String repository) throws RegistryException {
    return strings(
            "SELECT digest FROM registry_manifests WHERE repository = ? ORDER BY digest",
            "list the manifests of " + repository,
            repository)
        .stream()
        .map(Digest::parse)
        .toList();
  }

  @Override
  public boolean deleteManifest(String repository, Digest digest) throws RegistryException {
    try {
      return db.pool()
          .transaction(
              c -> {
                execute(
                    c,
                    "DELETE FROM registry_tags WHERE repository = ? AND digest = ?",
                    repository,
                    digest.toString());
                return execute(
                        c,
                        "DELETE FROM registry_manifests WHERE repository = ? AND digest = ?",
                        repository,
                        digest.toString())
                    > 0;
              });
    } catch (SQLException e) {
      throw db.failure("delete manifest " + digest + " of " + repository, e);
    }
  }

  @Override
  public void tag(String repository, String tag, Digest digest) throws RegistryException {
    String sql = db.dialect().upsert("registry_tags", List.of("repository", "tag", "digest"), 2);
    update(sql, "tag " + repository + ":" + tag, repository, tag, digest.toString());
  }

  @Override
  public @Nullable Digest resolveTag(String repository, String tag) throws RegistryException {
    List<String> found =
        strings(
            "SELECT digest FROM registry_tags WHERE repository = ? AND tag = ?",
            "resolve " + repository + ":" + tag,
            repository,
            tag);
    return found.isEmpty() ? null : Digest.parse(found.getFirst());
  }

  @Override
  public boolean untag(String repository, String tag) throws RegistryException {
    return update(
            "DELETE FROM registry_tags WHERE repository = ? AND tag = ?",
            "delete tag " + repository + ":" + tag,
            repository,
            tag)
        > 0;
  }

  @Override
  public List<String> tags(String repository) throws RegistryException {
    return strings(
        "SELECT tag FROM registry_tags WHERE repository = ? ORDER BY tag",
        "list the tags of " + repository,
        repository);
  }

  @Override
  public List<ManifestRecord> referrers(String repository, Digest subject)
      throws RegistryException {
    return manifests(
        "repository = ? AND subject = ?",
        "list referrers of " + subject + " in " + repository,
        repository,
        subject.toString());
  }

  private List<ManifestRecord> manifests(String where, String action, Object... parameters)
      throws RegistryException {
    try {
      return db.pool()
          .call(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "SELECT digest, media_type, size, subject, artifact_type, annotations"
                            + " FROM registry_manifests WHERE "
                            + where
                            + " ORDER BY digest")) {
                  bind(s, parameters);
                  List<ManifestRecord> out = new ArrayList<>();
                  try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                      String subject = r.getString(4);
                      out.add(
                          new ManifestRecord(
                              Digest.parse(r.getString(1)),
                              r.getString(2),
                              r.getLong(3),
                              subject == null ? null : Digest.parse(subject),
                              r.getString(5),
                              annotations(r.getString(6))));
                    }
                  }
                  return out;
                }
              });
    } catch (SQLException e) {
      throw db.failure(action, e);
    }
  }

  private Map<String, String> annotations(String text) throws SQLException {
    try {
      return json.readValue(text, ANNOTATIONS);
    } catch (JsonProcessingException e) {
      throw new SQLException("stored annotations are not a JSON object of strings", "22000", e);
    }
  }

  private List<String> strings(String sql, String action, Object... parameters)
      throws RegistryException {
    try {
      return db.pool()
          .call(
              c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                  bind(s, parameters);
                  List<String> out = new ArrayList<>();
                  try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                      out.add(r.getString(1));
                    }
                  }
                  return out;
                }
              });
    } catch (SQLException e) {
      throw db.failure(action, e);
    }
  }

  private int update(String sql, String action, @Nullable Object... parameters)
      throws RegistryException {
    try {
      return db.pool().call(c -> execute(c, sql, parameters));
    } catch (SQLException e) {
      throw db.failure(action, e);
    }
  }

  private static int execute(Connection c, String sql, @Nullable Object... parameters)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, parameters);
      return s.executeUpdate();
    }
  }

  private static void bind(PreparedStatement s, @Nullable Object... parameters)
      throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      int at = i + 1;
      switch (parameters[i]) {
        case null -> s.setNull(at, java.sql.Types.VARCHAR);
        case String text -> s.setString(at, text);
        case Long n -> s.setLong(at, n);
        case Integer n -> s.setInt(at, n);
        case Object other ->
            throw new IllegalArgumentException("unexpected parameter type " + other.getClass());
      }
    }
  }
}
