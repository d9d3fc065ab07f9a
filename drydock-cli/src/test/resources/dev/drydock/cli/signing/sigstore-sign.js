// Signs an image digest as cosign v3 does, with sigstore-js (npm sigstore@4.1.0): a DSSE bundle
// over an in-toto statement with the cosign sign predicate, a key-based signer, no witnesses.
// usage: node sigstore-sign.js PRIVATE_PKCS8.pem PUBLIC.pem SHA256_HEX > bundle.json
const fs = require('fs');
const crypto = require('crypto');
const { DSSEBundleBuilder } = require('@sigstore/sign');
const { bundleToJSON } = require('@sigstore/bundle');

async function main() {
  const [privatePath, publicPath, digestHex] = process.argv.slice(2);
  const privateKey = crypto.createPrivateKey(fs.readFileSync(privatePath));
  const publicPem = fs.readFileSync(publicPath, 'utf8');
  const spki = crypto.createPublicKey(publicPem).export({ type: 'spki', format: 'der' });
  const hint = crypto.createHash('sha256').update(spki).digest('base64');
  const algorithm = privateKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  const signer = {
    sign: async (data) => ({
      signature: crypto.sign(algorithm, data, privateKey),
      key: { $case: 'publicKey', publicKey: publicPem, hint },
    }),
  };
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: '', digest: { sha256: digestHex } }],
    predicateType: 'https://sigstore.dev/cosign/sign/v1',
    predicate: {},
  };
  const bundle = await new DSSEBundleBuilder({ signer, witnesses: [] }).create({
    data: Buffer.from(JSON.stringify(statement)),
    type: 'application/vnd.in-toto+json',
  });
  process.stdout.write(JSON.stringify(bundleToJSON(bundle)));
}

main().catch((e) => {
  console.error('FAIL ' + e.message);
  process.exit(1);
});
