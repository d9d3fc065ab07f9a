// Attaches a Sigstore bundle to an image as an OCI referrer with @sigstore/oci (npm 0.6.0), as
// sigstore-js's `attest --oci` does, logging in with the account given in the environment
// (REGISTRY_USERNAME, REGISTRY_PASSWORD): the library answers the registry's Bearer challenge
// with them. TLS trust comes from NODE_EXTRA_CA_CERTS.
// usage: node sigstore-attach.js HOST:PORT/REPO sha256:HEX BUNDLE.json
const fs = require('fs');
const { attachArtifactToImage } = require('@sigstore/oci');

async function main() {
  const [imageName, imageDigest, bundlePath] = process.argv.slice(2);
  const username = process.env.REGISTRY_USERNAME;
  const password = process.env.REGISTRY_PASSWORD;
  if (!username || !password) {
    throw new Error('set REGISTRY_USERNAME and REGISTRY_PASSWORD');
  }
  const artifact = fs.readFileSync(bundlePath);
  const bundle = JSON.parse(artifact.toString('utf8'));
  const descriptor = await attachArtifactToImage({
    imageName,
    imageDigest,
    credentials: { username, password },
    artifact,
    mediaType: bundle.mediaType,
    annotations: {
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1',
    },
  });
  console.log('ATTACHED ' + descriptor.digest);
}

main().catch((e) => {
  console.log('FAIL ' + e.message + (e.cause ? ' (' + (e.cause.message || e.cause) + ')' : ''));
  process.exit(1);
});
