package dev.drydock.oci;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one codec for {@link ImageConfig}. Field names follow the OCI config (which keeps Docker's
 * capitalised run-config names); output order follows image-spec's {@code specs-go/v1/config.go}.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md">OCI config</a>
 */
final class ConfigCodec {
  private static final String WHAT = "image config";

  private ConfigCodec() {}

  static ImageConfig decode(byte[] json) throws MalformedContentException {
    ObjectNode root = Codecs.parseObject(json, WHAT);
    JsonNode rootfs = Codecs.optObject(root, "rootfs", WHAT);
    if (rootfs == null) {
      throw new MalformedContentException(WHAT + " lacks the required field 'rootfs'");
    }
    String type = Codecs.text(rootfs, "type", WHAT + " rootfs");
    if (!type.equals("layers")) {
      throw new MalformedContentException(
          WHAT + " rootfs.type is '" + type + "'; only 'layers' is defined");
    }
    List<Digest> diffIds = new ArrayList<>();
    List<String> ids = Codecs.optStrings(rootfs, "diff_ids", WHAT + " rootfs");
    if (ids == null) {
      throw new MalformedContentException(WHAT + " lacks the required field 'rootfs.diff_ids'");
    }
    for (String id : ids) {
      diffIds.add(Codecs.digestOf(id, WHAT + " rootfs.diff_ids"));
    }
    JsonNode config = Codecs.optObject(root, "config", WHAT);
    List<JsonNode> historyNodes = Codecs.optArray(root, "history", WHAT);
    List<ImageConfig.History> history = new ArrayList<>();
    if (historyNodes != null) {
      for (JsonNode h : historyNodes) {
        history.add(history(h));
      }
    }
    return new ImageConfig(
        Codecs.text(root, "architecture", WHAT),
        Codecs.text(root, "os", WHAT),
        Codecs.optText(root, "variant", WHAT),
        Codecs.optText(root, "created", WHAT),
        Codecs.optText(root, "author", WHAT),
        config == null ? null : runConfig(config),
        diffIds,
        history);
  }

  private static ImageConfig.History history(JsonNode h) throws MalformedContentException {
    String what = WHAT + " history";
    if (!h.isObject()) {
      throw new MalformedContentException(what + " entries must be objects");
    }
    JsonNode empty = h.get("empty_layer");
    if (empty != null && !empty.isNull() && !empty.isBoolean()) {
      throw new MalformedContentException(what + ": 'empty_layer' must be a boolean");
    }
    return new ImageConfig.History(
        Codecs.optText(h, "created", what),
        Codecs.optText(h, "created_by", what),
        Codecs.optText(h, "author", what),
        Codecs.optText(h, "comment", what),
        empty != null && empty.booleanValue());
  }

  private static ImageConfig.RunConfig runConfig(JsonNode c) throws MalformedContentException {
    String what = WHAT + " config";
    JsonNode hc = Codecs.optObject(c, "Healthcheck", what);
    ImageConfig.Healthcheck healthcheck = null;
    if (hc != null) {
      String hw = what + " Healthcheck";
      long retries = Codecs.optLong(hc, "Retries", hw);
      if (retries < 0 || retries > Integer.MAX_VALUE) {
        throw new MalformedContentException(hw + ": 'Retries' is out of range");
      }
      healthcheck =
          new ImageConfig.Healthcheck(
              Codecs.strings(hc, "Test", hw),
              Codecs.optLong(hc, "Interval", hw),
              Codecs.optLong(hc, "Timeout", hw),
              Codecs.optLong(hc, "StartPeriod", hw),
              (int) retries);
    }
    return new ImageConfig.RunConfig(
        emptyToNull(Codecs.optText(c, "User", what)),
        Codecs.strings(c, "Env", what),
        Codecs.optStrings(c, "Entrypoint", what),
        Codecs.optStrings(c, "Cmd", what),
        Codecs.keys(c, "ExposedPorts", what),
        Codecs.stringMap(c, "Labels", what),
        healthcheck,
        emptyToNull(Codecs.optText(c, "WorkingDir", what)),
        Codecs.keys(c, "Volumes", what),
        emptyToNull(Codecs.optText(c, "StopSignal", what)));
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  static byte[] encode(ImageConfig c) {
    return Codecs.write(
        gen -> {
          gen.writeStartObject();
          Codecs.optString(gen, "created", c.created());
          Codecs.optString(gen, "author", c.author());
          gen.writeStringField("architecture", c.architecture());
          Codecs.optString(gen, "variant", c.variant());
          gen.writeStringField("os", c.os());
          if (c.config() != null) {
            writeRunConfig(gen, c.config());
          }
          gen.writeObjectFieldStart("rootfs");
          gen.writeStringField("type", "layers");
          gen.writeArrayFieldStart("diff_ids");
          for (Digest d : c.diffIds()) {
            gen.writeString(d.toString());
          }
          gen.writeEndArray();
          gen.writeEndObject();
          if (!c.history().isEmpty()) {
            gen.writeArrayFieldStart("history");
            for (ImageConfig.History h : c.history()) {
              gen.writeStartObject();
              Codecs.optString(gen, "created", h.created());
              Codecs.optString(gen, "created_by", h.createdBy());
              Codecs.optString(gen, "author", h.author());
              Codecs.optString(gen, "comment", h.comment());
              if (h.emptyLayer()) {
                gen.writeBooleanField("empty_layer", true);
              }
              gen.writeEndObject();
            }
            gen.writeEndArray();
          }
          gen.writeEndObject();
        });
  }

  private static void writeRunConfig(JsonGenerator gen, ImageConfig.RunConfig r)
      throws IOException {
    gen.writeObjectFieldStart("config");
    Codecs.optString(gen, "User", r.user());
    keys(gen, "ExposedPorts", r.exposedPorts());
    if (!r.env().isEmpty()) {
      Codecs.strings(gen, "Env", r.env());
    }
    Codecs.strings(gen, "Entrypoint", r.entrypoint());
    Codecs.strings(gen, "Cmd", r.cmd());
    keys(gen, "Volumes", r.volumes());
    Codecs.optString(gen, "WorkingDir", r.workingDir());
    Codecs.stringMap(gen, "Labels", r.labels());
    Codecs.optString(gen, "StopSignal", r.stopSignal());
    ImageConfig.Healthcheck h = r.healthcheck();
    if (h != null) {
      gen.writeObjectFieldStart("Healthcheck");
      Codecs.strings(gen, "Test", h.test());
      nonZero(gen, "Interval", h.intervalNanos());
      nonZero(gen, "Timeout", h.timeoutNanos());
      nonZero(gen, "StartPeriod", h.startPeriodNanos());
      nonZero(gen, "Retries", h.retries());
      gen.writeEndObject();
    }
    gen.writeEndObject();
  }

  private static void nonZero(JsonGenerator gen, String field, long value) throws IOException {
    if (value != 0) {
      gen.writeNumberField(field, value);
    }
  }

  private static void keys(JsonGenerator gen, String field, List<String> keys) throws IOException {
    if (keys.isEmpty()) {
      return;
    }
    gen.writeObjectFieldStart(field);
    for (String k : keys) {
      gen.writeObjectFieldStart(k);
      gen.writeEndObject();
    }
    gen.writeEndObject();
  }
}
