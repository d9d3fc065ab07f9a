package dev.drydock.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import dev.drydock.oci.MediaTypes;
import dev.drydock.registry.AccessPolicy.AccessRequest;
import dev.drydock.registry.AccessPolicy.Action;
import dev.drydock.registry.AccessPolicy.Decision;
import dev.drydock.registry.MetadataStore.ManifestRecord;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Routes distribution-spec requests to the endpoints, asks the {@link AccessPolicy}, and turns
 * refusals into the spec's JSON error bodies. Runs on virtual threads, so endpoints block.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#api">API</a>
 */
final class RegistryHandler extends Handler.Abstract {
  private static final System.Logger LOG = System.getLogger(RegistryHandler.class.getName());
  static final String JSON = "application/json";

  /** Largest page of tags or repositories returned at once; more come through the Link header. */
  static final int MAX_PAGE = 1000;

  private final Storage storage;
  private final AccessPolicy access;
  private final ReadWriteLock maintenance;
  private final ObjectMapper json = new ObjectMapper();
  private final BlobEndpoints blobs;
  private final ManifestEndpoints manifests;
  private final @Nullable Security security;
  private final AuditLog audit;
  private final AtomicLong lostAuditEvents = new AtomicLong();

  /** The largest request body read and discarded before a 401 challenge (see Exchange). */
  static final long MAX_DISCARDED_BODY = 1 << 20;

  /** The stores, limits and clock the endpoints share. */
  record Storage(BlobStorage blobs, MetadataStore metadata, RegistryConfig config) {}

  /** Token authentication: the check of every API request, and the token endpoint. */
  record Security(BearerGate gate, TokenEndpoint tokens) {}

  RegistryHandler(Storage storage, AccessPolicy access, ReadWriteLock maintenance) {
    this(storage, access, maintenance, null, AuditLog.NONE);
  }

  RegistryHandler(
      Storage storage,
      AccessPolicy access,
      ReadWriteLock maintenance,
      @Nullable Security security,
      AuditLog audit) {
    super(InvocationType.BLOCKING);
    this.storage = storage;
    this.access = access;
    this.maintenance = maintenance;
    this.security = security;
    this.audit = audit;
    this.blobs = new BlobEndpoints(storage, this::check);
    this.manifests = new ManifestEndpoints(storage, json, this::check);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange exchange = new Exchange(request, response, callback);
    exchange.header("Docker-Distribution-API-Version", "registry/2.0");
    maintenance.readLock().lock();
    try {
      String path = Request.getPathInContext(request);
      Security sec = security;
      if (sec != null && path.equals(TokenEndpoint.PATH)) {
        sec.gate().identify(exchange, false);
        sec.tokens().handle(exchange);
      } else {
        exchange.beforeSend(
            status -> {
              if (status < 300) {
                RequestAudit.record(
                    audit, storage.config().clock(), exchange, status, null, lostAuditEvents);
              }
            });
        dispatch(exchange, path);
      }
    } catch (DistributionException e) {
      if (e.status() == 401 || e.status() == 403) {
        RequestAudit.record(
            audit, storage.config().clock(), exchange, e.status(), e.getMessage(), lostAuditEvents);
      }
      if (e.status() == 401) {
        exchange.discardSmallBody(MAX_DISCARDED_BODY);
      }
      error(exchange, e.status(), e.code().name(), e.getMessage(), e.detail());
    } catch (RegistryException | IOException | RuntimeException e) {
      // The exception text may hold absolute paths and OS messages: it goes to the log only, and
      // the client gets an incident id that finds it there.
      String incident = UUID.randomUUID().toString();
      LOG.log(
          Level.WARNING,
          "registry request failed, incident " + incident + ": " + request.getHttpURI(),
          e);
      error(
          exchange,
          500,
          "UNKNOWN",
          "internal error, incident " + incident + ": the registry's log has the details",
          json.createObjectNode().put("incident", incident).toString());
    } finally {
      maintenance.readLock().unlock();
    }
    return true;
  }

  private void dispatch(Exchange x, String path) throws RegistryException, IOException {
    Route route = Route.parse(path);
    if (route == null) {
      throw new DistributionException(
          ErrorCode.UNSUPPORTED, 404, "no distribution API endpoint at " + Refs.clip(path), null);
    }
    String method = x.method();
    BearerGate gate = security == null ? null : security.gate();
    if (gate != null) {
      gate.identify(x, true);
    }
    switch (route) {
      case Route.Base _ -> {
        only(method, "GET", "HEAD");
        x.trail().operation = AuditLog.Operation.LOGIN;
        if (gate != null) {
          gate.requireAuthenticated(x);
        }
        x.send(200, JSON, "{}".getBytes(StandardCharsets.UTF_8));
      }
      case Route.Catalog _ -> {
        only(method, "GET");
        trail(x, Action.CATALOG, null, null);
        if (gate != null) {
          gate.require(x, "registry", "catalog", "*", "*");
        }
        check(x, Action.CATALOG, null, null);
        catalog(x);
      }
      case Route.Blob b -> {
        only(method, "GET", "HEAD", "DELETE");
        boolean delete = method.equals("DELETE");
        Action action = delete ? Action.DELETE : Action.PULL;
        trail(x, action, b.name(), b.digest());
        x.trail().audited = delete;
        require(x, action, b.name());
        check(x, action, b.name(), null);
        Digest digest = Refs.digest(b.digest());
        if (delete) {
          blobs.delete(x, b.name(), digest);
        } else {
          blobs.get(x, b.name(), digest);
        }
      }
      case Route.Uploads u -> {
        only(method, "POST");
        trail(x, Action.PUSH, u.name(), null);
        require(x, Action.PUSH, u.name());
        check(x, Action.PUSH, u.name(), null);
        blobs.startUpload(x, u.name(), from -> allowed(x, Action.PULL, from));
      }
      case Route.Upload u -> {
        only(method, "GET", "PATCH", "PUT", "DELETE");
        trail(x, Action.PUSH, u.name(), null);
        require(x, Action.PUSH, u.name());
        check(x, Action.PUSH, u.name(), null);
        blobs.upload(x, u.name(), u.id());
      }
      case Route.Manifest m -> {
        only(method, "GET", "HEAD", "PUT", "DELETE");
        Action action =
            switch (method) {
              case "PUT" -> Action.PUSH;
              case "DELETE" -> Action.DELETE;
              default -> Action.PULL;
            };
        trail(x, action, m.name(), m.reference());
        x.trail().audited = !x.isHead();
        require(x, action, m.name());
        check(x, action, m.name(), null);
        manifests.handle(x, m.name(), Refs.reference(m.reference()));
      }
      case Route.Tags t -> {
        only(method, "GET");
        trail(x, Action.PULL, t.name(), null);
        require(x, Action.PULL, t.name());
        check(x, Action.PULL, t.name(), null);
        tags(x, t.name());
      }
      case Route.Referrers r -> {
        only(method, "GET");
        trail(x, Action.PULL, r.name(), r.digest());
        require(x, Action.PULL, r.name());
        check(x, Action.PULL, r.name(), null);
        referrers(x, r.name(), Refs.digest(r.digest()));
      }
    }
  }

  private static void trail(
      Exchange x, Action action, @Nullable String repository, @Nullable String reference) {
    Exchange.Trail t = x.trail();
    t.operation =
        switch (action) {
          case PULL, CATALOG -> AuditLog.Operation.PULL;
          case PUSH -> AuditLog.Operation.PUSH;
          case DELETE -> AuditLog.Operation.DELETE;
        };
    t.repository = repository;
    t.reference = reference;
  }

  /** Requires the bearer token (or client certificate) to grant {@code action}. */
  private void require(Exchange x, Action action, String repository) {
    Security sec = security;
    if (sec != null) {
      String challenge =
          switch (action) {
            case PUSH -> "pull,push";
            default -> scopeAction(action);
          };
      sec.gate().require(x, "repository", repository, scopeAction(action), challenge);
    }
  }

  private static String scopeAction(Action action) {
    return switch (action) {
      case PULL -> "pull";
      case PUSH -> "push";
      case DELETE -> "delete";
      case CATALOG -> "*";
    };
  }

  private static void only(String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw new DistributionException(
        ErrorCode.UNSUPPORTED, 405, "method " + method + " is not supported here", null);
  }

  /**
   * Asks the access policy.
   *
   * @throws DistributionException DENIED naming the policy and reason
   */
  void check(Exchange x, Action action, @Nullable String repository, @Nullable Digest manifest) {
    check(x, action, repository, manifest, null, 0);
  }

  /**
   * Asks the access policy with everything known about the request: the manifest it pulls or
   * pushes, the tag a push moves, and the bytes it is about to store.
   *
   * @throws DistributionException DENIED naming the policy and reason
   */
  void check(
      Exchange x,
      Action action,
      @Nullable String repository,
      @Nullable Digest manifest,
      @Nullable String tag,
      long bytes) {
    if (manifest != null) {
      x.trail().digest = manifest;
    }
    Decision decision =
        access.decide(
            new AccessRequest(x.principal(), action, repository, manifest, tag, bytes, x.remote()));
    switch (decision) {
      case Decision.Allow _ -> {}
      case Decision.Deny d -> {
        x.trail().policy = d.policy();
        throw new DistributionException(
            ErrorCode.DENIED,
            "denied by policy " + d.policy() + ": " + d.reason(),
            json.createObjectNode().put("policy", d.policy()).toString());
      }
    }
  }

  private boolean allowed(Exchange x, Action action, String repository) {
    Security sec = security;
    if (sec != null && !sec.gate().permits(x, "repository", repository, scopeAction(action))) {
      return false;
    }
    return access.decide(AccessRequest.of(x.principal(), action, repository, x.remote()))
        instanceof Decision.Allow;
  }

  private void catalog(Exchange x) throws RegistryException, IOException {
    Page page = Page.of(x);
    List<String> names = storage.metadata().repositories(page.last(), page.size() + 1);
    ObjectNode body = json.createObjectNode();
    ArrayNode list = body.putArray("repositories");
    List<String> shown = names.subList(0, Math.min(page.size(), names.size()));
    shown.forEach(list::add);
    if (names.size() > page.size() && !shown.isEmpty()) {
      x.header("Link", page.next("/v2/_catalog", shown.getLast()));
    }
    x.send(200, JSON, json.writeValueAsBytes(body));
  }

  private void tags(Exchange x, String name) throws RegistryException, IOException {
    if (!storage.metadata().repositoryExists(name)) {
      throw new DistributionException(ErrorCode.NAME_UNKNOWN, "repository " + name + " is unknown");
    }
    Page page = Page.of(x);
    String last = page.last();
    List<String> all =
        storage.metadata().tags(name).stream()
            .filter(t -> last == null || t.compareTo(last) > 0)
            .toList();
    List<String> shown = all.subList(0, Math.min(page.size(), all.size()));
    ObjectNode body = json.createObjectNode();
    body.put("name", name);
    ArrayNode list = body.putArray("tags");
    shown.forEach(list::add);
    if (all.size() > shown.size() && !shown.isEmpty()) {
      x.header("Link", page.next("/v2/" + name + "/tags/list", shown.getLast()));
    }
    x.send(200, JSON, json.writeValueAsBytes(body));
  }

  private void referrers(Exchange x, String name, Digest subject)
      throws RegistryException, IOException {
    String filter = x.query("artifactType");
    ObjectNode index = json.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode list = index.putArray("manifests");
    for (ManifestRecord r : storage.metadata().referrers(name, subject)) {
      if (filter != null && !filter.equals(r.artifactType())) {
        continue;
      }
      ObjectNode d = list.addObject();
      d.put("mediaType", r.mediaType());
      d.put("digest", r.digest().toString());
      d.put("size", r.size());
      if (r.artifactType() != null) {
        d.put("artifactType", r.artifactType());
      }
      if (!r.annotations().isEmpty()) {
        ObjectNode annotations = d.putObject("annotations");
        r.annotations().forEach(annotations::put);
      }
    }
    if (filter != null) {
      x.header("OCI-Filters-Applied", "artifactType");
    }
    x.send(200, MediaTypes.OCI_INDEX, json.writeValueAsBytes(index));
  }

  private void error(
      Exchange x, int status, String code, @Nullable String message, @Nullable String detail) {
    if (x.isCommitted()) {
      x.fail(new IOException(code + ": " + message));
      return;
    }
    ObjectNode body = json.createObjectNode();
    ObjectNode entry = body.putArray("errors").addObject();
    entry.put("code", code);
    entry.put("message", message == null ? code : message);
    if (detail != null) {
      try {
        entry.set("detail", json.readTree(detail));
      } catch (IOException e) {
        entry.put("detail", detail);
      }
    }
    try {
      x.send(status, JSON, json.writeValueAsBytes(body));
    } catch (IOException e) {
      x.fail(e);
    }
  }

  /**
   * The {@code n} and {@code last} paging parameters.
   *
   * @see <a
   *     href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#listing-tags">listing
   *     tags</a>
   */
  record Page(int size, @Nullable String last) {
    static Page of(Exchange x) {
      String n = x.query("n");
      int size = MAX_PAGE;
      if (n != null) {
        try {
          size = Integer.parseInt(n);
        } catch (NumberFormatException e) {
          size = -1;
        }
        if (size < 0) {
          throw new DistributionException(
              ErrorCode.UNSUPPORTED, 400, "n must be a whole number of at least 0", null);
        }
        size = Math.min(size, MAX_PAGE);
      }
      return new Page(size, x.query("last"));
    }

    String next(String path, String lastShown) {
      return "<"
          + path
          + "?n="
          + size
          + "&last="
          + URLEncoder.encode(lastShown, StandardCharsets.UTF_8)
          + ">; rel=\"next\"";
    }
  }
}
