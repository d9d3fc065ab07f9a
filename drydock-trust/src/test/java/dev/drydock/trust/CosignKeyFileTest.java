package dev.drydock.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CosignKeyFileTest {
  private static final String KEYS = "/dev/drydock/trust/keys/";
  private final SecureRandom random = new SecureRandom();

  @Test
  void readsAKeyWrittenByCosignWithAnEmptyPassword() throws Exception {
    PrivateKey key =
        CosignKeyFile.decrypt("conforma", Fixtures.bytes(KEYS + "conforma-vsa.key"), new char[0]);
    PublicKey expected =
        SigningKeys.readPublicKey("pub", Fixtures.bytes(KEYS + "conforma-vsa.pub"));
    assertThat(SigningKeys.publicKeyOf("conforma", key)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "ref-ec-legacy.key, ref-ec.pub",
    "ref-ed25519-owasp.key, ref-ed.pub",
    "ref-rsa3072.key, ref-rsa.pub"
  })
  void readsReferenceKeysOfEveryAlgorithmStrengthAndLabel(String keyFile, String pubFile)
      throws Exception {
    PrivateKey key =
        CosignKeyFile.decrypt(keyFile, Fixtures.bytes(KEYS + keyFile), Fixtures.REF_PASSWORD);
    PublicKey expected = SigningKeys.readPublicKey(pubFile, Fixtures.bytes(KEYS + pubFile));
    assertThat(SigningKeys.publicKeyOf(keyFile, key)).isEqualTo(expected);
  }

  @Test
  void wrongPasswordIsATypedError() {
    assertThatThrownBy(
            () ->
                CosignKeyFile.decrypt(
                    "ref-ec-legacy.key",
                    Fixtures.bytes(KEYS + "ref-ec-legacy.key"),
                    "wrong".toCharArray()))
        .isInstanceOf(WrongPasswordException.class)
        .hasMessageContaining("ref-ec-legacy.key")
        .hasMessageContaining("password");
  }

  @Test
  void tamperedCiphertextIsRefused() throws Exception {
    byte[] pem = Fixtures.bytes(KEYS + "ref-ec-legacy.key");
    String json = new String(body(pem), StandardCharsets.UTF_8);
    int at = json.indexOf("\"ciphertext\":\"") + 20;
    char flipped = json.charAt(at) == 'A' ? 'B' : 'A';
    String tampered = json.substring(0, at) + flipped + json.substring(at + 1);
    byte[] out =
        Pem.encode("ENCRYPTED COSIGN PRIVATE KEY", tampered.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> CosignKeyFile.decrypt("tampered", out, Fixtures.REF_PASSWORD))
        .isInstanceOf(WrongPasswordException.class);
  }

  @Test
  void unknownScryptParametersAreRefusedBeforeAnyWork() {
    assertThatThrownBy(
            () ->
                CosignKeyFile.decrypt(
                    "weak", Fixtures.bytes(KEYS + "ref-ec-weak-kdf.key"), Fixtures.REF_PASSWORD))
        .isInstanceOf(KeyFileException.class)
        .isNotInstanceOf(WrongPasswordException.class)
        .hasMessageContaining("N=16384");
  }

  @Test
  void hugeScryptCostIsRefused() {
    String json =
        "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":1073741824,\"r\":8,\"p\":1},\"salt\":\"AAAA\"},"
            + "\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"},"
            + "\"ciphertext\":\"AAAA\"}";
    byte[] pem =
        Pem.encode("ENCRYPTED SIGSTORE PRIVATE KEY", json.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> CosignKeyFile.decrypt("huge", pem, new char[0]))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("not one of the accepted sets");
  }

  @ParameterizedTest
  @CsvSource({
    "'{\"kdf\":{\"name\":\"argon2\"},\"cipher\":{\"name\":\"x\"}}', found argon2",
    "'not json', not valid JSON",
    "'{\"kdf\":{},\"cipher\":{},\"ciphertext\":\"\",\"extra\":1}', unknown member",
    "'[1]', not a JSON object"
  })
  void malformedDocumentsNameTheProblem(String json, String message) {
    byte[] pem = Pem.encode("ENCRYPTED COSIGN PRIVATE KEY", json.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> CosignKeyFile.decrypt("bad", pem, new char[0]))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(message);
  }

  @Test
  void otherPemLabelsAreRefused() {
    byte[] pem = Fixtures.bytes(KEYS + "ref-ec.pub");
    assertThatThrownBy(() -> CosignKeyFile.decrypt("pub", pem, new char[0]))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("found PUBLIC KEY");
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void roundTripsEveryAlgorithm(KeyAlgorithm algorithm) throws Exception {
    KeyPair pair = algorithm.generate(random);
    byte[] pem =
        CosignKeyFile.encrypt(pair.getPrivate(), "pw".toCharArray(), KdfStrength.LEGACY, random);
    assertThat(new String(pem, StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----\n");
    PrivateKey back = CosignKeyFile.decrypt("rt", pem, "pw".toCharArray());
    assertThat(back.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    assertThat(SigningKeys.publicKeyOf("rt", back)).isEqualTo(pair.getPublic());
    assertThat(KeyAlgorithm.of("rt", pair.getPublic())).isEqualTo(algorithm);
  }

  @Test
  void writesTheGoFieldOrderAndTheAcceptedParameters() throws Exception {
    KeyPair pair = KeyAlgorithm.ECDSA_P256.generate(random);
    byte[] pem =
        CosignKeyFile.encrypt(pair.getPrivate(), new char[0], KdfStrength.STANDARD, random);
    String json = new String(body(pem), StandardCharsets.UTF_8);
    assertThat(json)
        .matches(
            "\\{\"kdf\":\\{\"name\":\"scrypt\",\"params\":\\{\"N\":65536,\"r\":8,\"p\":1\\},"
                + "\"salt\":\"[A-Za-z0-9+/]{43}=\"\\},\"cipher\":\\{\"name\":\"nacl/secretbox\","
                + "\"nonce\":\"[A-Za-z0-9+/]{32}\"\\},\"ciphertext\":\"[A-Za-z0-9+/=]+\"\\}");
    assertThat(CosignKeyFile.decrypt("empty", pem, new char[0]).getEncoded())
        .isEqualTo(pair.getPrivate().getEncoded());
  }

  @Test
  void secretboxMatchesTheNaclTestVector() {
    // NaCl's tests/secretbox.c (the "firstkey"/"nonce" vector): first bytes of the box.
    byte[] key =
        java.util.HexFormat.of()
            .parseHex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
    byte[] nonce =
        java.util.HexFormat.of().parseHex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    byte[] message =
        java.util.HexFormat.of()
            .parseHex(
                "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a"
                    + "1ac728d45e6c61296cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057"
                    + "e2f6556ad6b1318a024a838f21af1fde048977eb48f59ffd4924ca1c60902e52f0a089bc76897040"
                    + "e082f937763848645e0705");
    byte[] box = Secretbox.seal(key, nonce, message);
    assertThat(java.util.HexFormat.of().formatHex(box, 0, 32))
        .isEqualTo("f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce");
    assertThat(Secretbox.open(key, nonce, box)).isEqualTo(message);
    box[20] ^= 1;
    assertThat(Secretbox.open(key, nonce, box)).isNull();
  }

  private static byte[] body(byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(b64);
  }
}
