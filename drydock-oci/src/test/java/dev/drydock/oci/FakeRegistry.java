package dev.drydock.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory OCI distribution registry for protocol tests, served by {@link TinyHttpServer}:
 * uploads (monolithic, chunked, mount), manifests, tags with {@code Link} paging, the referrers API
 * (switchable), Bearer token auth (switchable) and knobs for misbehaviour. Records requests.
 */
@SuppressWarnings("RefactorSwitch") // the statement form keeps each HTTP method readable
final class FakeRegistry implements AutoCloseable {
  private static final Pattern PATH =
      Pattern.compile(
          "/v2/(.+?)/(blobs/uploads/?|blobs|manifests|tags/list|referrers|uploads)(/[^?]*)?");

  final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  final java.util.Set<String> present = ConcurrentHashMap.newKeySet();
  final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
  final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> tokenScopes = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  volatile boolean bearer;
  volatile boolean mounts = true;
  volatile boolean referrersApi;
  volatile int tagPageSize = 1000;
  volatile String foreignLink = "";
  volatile String wrongManifestDigest = "";

  /** Written to the target of the next conditional manifest PUT just before it: another writer. */
  volatile byte @org.jspecify.annotations.Nullable [] concurrentWrite = null;

  private final TinyHttpServer server;

  FakeRegistry() throws IOException {
    server = new TinyHttpServer(this::handle);
  }

  String host() {
    return "127.0.0.1:" + server.port();
  }

  RegistryClient client(long chunkThreshold) {
    return new RegistryClient(
        host(),
        new RegistryOptions(
            RegistryCredentials.basic("u", "p"), null, true, java.time.Duration.ofSeconds(10)),
        chunkThreshold);
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private TinyHttpServer.Response handle(TinyHttpServer.Request req) throws IOException {
    String path = req.uri().getPath();
    String query = req.uri().getRawQuery() == null ? "" : req.uri().getRawQuery();
    requests.add(req.method() + " " + path + (query.isEmpty() ? "" : "?" + query));
    if (path.equals("/token")) {
      for (String pair : query.split("&", -1)) {
        if (pair.startsWith("scope=")) {
          tokenScopes.add(java.net.URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
        }
      }
      return TinyHttpServer.Response.of(200, "{\"token\":\"t0k\"}");
    }
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      return TinyHttpServer.Response.of(404, "404 page not found");
    }
    String repo = m.group(1);
    String kind = m.group(2);
    String rest = m.group(3) == null ? "" : m.group(3).substring(1);
    if (bearer && !"Bearer t0k".equals(req.header("Authorization"))) {
      String scope =
          "repository:"
              + repo
              + (req.method().equals("GET") || req.method().equals("HEAD")
                  ? ":pull"
                  : ":pull,push");
      return TinyHttpServer.Response.of(
          401,
          "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}",
          "WWW-Authenticate",
          "Bearer realm=\"http://" + host() + "/token\",service=\"fake\",scope=\"" + scope + "\"");
    }
    return switch (kind) {
      case "blobs/uploads", "blobs/uploads/" -> uploads(req, repo, rest, query);
      case "blobs" -> blob(req, repo, rest);
      case "manifests" -> manifest(req, repo, rest);
      case "tags/list" -> tags(repo, query);
      case "referrers" -> referrers(repo, rest);
      default -> TinyHttpServer.Response.of(404, "");
    };
  }

  private TinyHttpServer.Response uploads(
      TinyHttpServer.Request req, String repo, String id, String query) {
    switch (req.method()) {
      case "POST" -> {
        Matcher mount = Pattern.compile("mount=([^&]+)&from=([^&]+)").matcher(query);
        if (mount.find() && mounts) {
          String digest = java.net.URLDecoder.decode(mount.group(1), StandardCharsets.UTF_8);
          String from = java.net.URLDecoder.decode(mount.group(2), StandardCharsets.UTF_8);
          if (present.contains(from + "@" + digest)) {
            present.add(repo + "@" + digest);
            return TinyHttpServer.Response.of(201, "", "Docker-Content-Digest", digest);
          }
        }
        String session = "s" + ids.incrementAndGet();
        uploads.put(session, new ByteArrayOutputStream());
        return TinyHttpServer.Response.of(
            202, "", "Location", "/v2/" + repo + "/blobs/uploads/" + session + "?_state=x");
      }
      case "PATCH" -> {
        ByteArrayOutputStream buf = uploads.get(id);
        String range = req.header("Content-Range");
        if (buf == null || !range.equals(buf.size() + "-" + (buf.size() + req.body().length - 1))) {
          return TinyHttpServer.Response.of(
              416, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\"}]}");
        }
        buf.writeBytes(req.body());
        return TinyHttpServer.Response.of(
            202, "", "Location", "/v2/" + repo + "/blobs/uploads/" + id + "?_state=y");
      }
      case "PUT" -> {
        ByteArrayOutputStream buf = uploads.remove(id);
        if (buf == null) {
          return TinyHttpServer.Response.of(
              404, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\"}]}");
        }
        buf.writeBytes(req.body());
        byte[] content = buf.toByteArray();
        String digest =
            java.net.URLDecoder.decode(
                query.replaceAll(".*digest=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        if (!digest.equals(sha256(content))) {
          return TinyHttpServer.Response.of(400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}");
        }
        blobs.put(digest, content);
        present.add(repo + "@" + digest);
        return TinyHttpServer.Response.of(201, "", "Docker-Content-Digest", digest);
      }
      case "DELETE" -> {
        uploads.remove(id);
        return TinyHttpServer.Response.of(204, "");
      }
      default -> {
        return TinyHttpServer.Response.of(405, "");
      }
    }
  }

  private TinyHttpServer.Response blob(TinyHttpServer.Request req, String repo, String digest) {
    byte[] content = blobs.get(digest);
    if (content == null || !present.contains(repo + "@" + digest)) {
      return TinyHttpServer.Response.of(404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}");
    }
    return new TinyHttpServer.Response(
        200, Map.of(), req.method().equals("HEAD") ? new byte[0] : content);
  }

  private TinyHttpServer.Response manifest(TinyHttpServer.Request req, String repo, String ref) {
    String key = repo + "@" + ref;
    switch (req.method()) {
      case "PUT" -> {
        byte[] racing = concurrentWrite;
        if (racing != null && req.headers().containsKey("if-match")) {
          concurrentWrite = null;
          manifests.put(key, racing);
          manifestTypes.put(key, MediaTypes.OCI_INDEX);
        }
        if (req.headers().containsKey("if-match")
            && (!manifests.containsKey(key)
                || !req.header("If-Match").equals("\"" + sha256(manifests.get(key)) + "\""))) {
          return TinyHttpServer.Response.of(
              412, "{\"errors\":[{\"code\":\"PRECONDITION_FAILED\"}]}");
        }
        String digest = sha256(req.body());
        manifests.put(key, req.body());
        manifests.put(repo + "@" + digest, req.body());
        manifestTypes.put(key, req.header("Content-Type"));
        manifestTypes.put(repo + "@" + digest, req.header("Content-Type"));
        String subject = "";
        if (referrersApi) {
          Matcher s =
              Pattern.compile("\"subject\":\\{[^}]*\"digest\":\"([^\"]+)\"")
                  .matcher(new String(req.body(), StandardCharsets.UTF_8));
          subject = s.find() ? s.group(1) : "";
        }
        return subject.isEmpty()
            ? TinyHttpServer.Response.of(
                201,
                "",
                "Docker-Content-Digest",
                wrongManifestDigest.isEmpty() ? digest : wrongManifestDigest)
            : TinyHttpServer.Response.of(
                201, "", "Docker-Content-Digest", digest, "OCI-Subject", subject);
      }
      case "DELETE" -> {
        return manifests.remove(key) == null
            ? TinyHttpServer.Response.of(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}")
            : TinyHttpServer.Response.of(202, "");
      }
      default -> {
        byte[] body = manifests.get(key);
        if (body == null) {
          return TinyHttpServer.Response.of(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");
        }
        return new TinyHttpServer.Response(
            200,
            Map.of("Content-Type", manifestTypes.get(key), "ETag", "\"" + sha256(body) + "\""),
            req.method().equals("HEAD") ? new byte[0] : body);
      }
    }
  }

  private TinyHttpServer.Response tags(String repo, String query) {
    TreeMap<String, Boolean> all = new TreeMap<>();
    for (String key : manifests.keySet()) {
      if (key.startsWith(repo + "@") && !key.contains("@sha256:")) {
        all.put(key.substring(repo.length() + 1), true);
      }
    }
    String last = query.contains("last=") ? query.replaceAll(".*last=([^&]+).*", "$1") : null;
    List<String> after =
        (last == null ? all : all.tailMap(last, false))
            .keySet().stream().limit(tagPageSize).toList();
    StringBuilder json = new StringBuilder("{\"name\":\"" + repo + "\",\"tags\":[");
    for (int i = 0; i < after.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(after.get(i)).append('"');
    }
    json.append("]}");
    boolean more = !after.isEmpty() && !all.lastKey().equals(after.get(after.size() - 1));
    if (!more) {
      return TinyHttpServer.Response.of(200, json.toString());
    }
    String next =
        foreignLink.isEmpty()
            ? "/v2/" + repo + "/tags/list?n=" + tagPageSize + "&last=" + after.get(after.size() - 1)
            : foreignLink;
    return TinyHttpServer.Response.of(200, json.toString(), "Link", "<" + next + ">; rel=\"next\"");
  }

  private TinyHttpServer.Response referrers(String repo, String digest) {
    if (!referrersApi) {
      return TinyHttpServer.Response.of(404, "404 page not found");
    }
    StringBuilder json =
        new StringBuilder(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[");
    boolean first = true;
    for (Map.Entry<String, byte[]> e : manifests.entrySet()) {
      String body = new String(e.getValue(), StandardCharsets.UTF_8);
      if (e.getKey().startsWith(repo + "@sha256:")
          && body.contains("\"subject\":{")
          && body.contains(digest)) {
        ImageManifest m;
        try {
          m = ImageManifest.parse(e.getValue());
        } catch (MalformedContentException bad) {
          continue;
        }
        json.append(first ? "" : ",")
            .append("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"")
            .append(sha256(e.getValue()))
            .append("\",\"size\":")
            .append(e.getValue().length)
            .append(",\"artifactType\":\"")
            .append(m.artifactType())
            .append("\"}");
        first = false;
      }
    }
    return TinyHttpServer.Response.of(
        200, json.append("]}").toString(), "Content-Type", MediaTypes.OCI_INDEX);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
