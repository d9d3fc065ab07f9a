// Verifies a key-based Sigstore bundle with sigstore-js (npm sigstore@4.1.0), offline:
// an empty trusted root, the given PEM public key for any hint, no tlog/ctlog/timestamp required,
// then checks the in-toto subject digest and the cosign predicate type.
// usage: node sigstore-verify.js BUNDLE.json PUBLIC.pem SHA256_HEX
const fs = require('fs');
const crypto = require('crypto');
const { bundleFromJSON } = require('@sigstore/bundle');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');

const [bundlePath, keyPath, digestHex] = process.argv.slice(2);
try {
  const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
  const key = crypto.createPublicKey(fs.readFileSync(keyPath));
  const root = { mediaType: '', tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] };
  const trust = toTrustMaterial(root, () => ({ publicKey: key, validFor: () => true }));
  const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  verifier.verify(toSignedEntity(bundle));
  const statement = JSON.parse(Buffer.from(bundle.content.dsseEnvelope.payload).toString('utf8'));
  const subjects = statement.subject.map((s) => s.digest.sha256);
  if (!subjects.includes(digestHex)) {
    throw new Error('subject digest mismatch: ' + subjects);
  }
  console.log('OK predicateType=' + statement.predicateType);
} catch (e) {
  console.log('FAIL ' + (e.code || '') + ' ' + e.message);
  process.exit(1);
}
