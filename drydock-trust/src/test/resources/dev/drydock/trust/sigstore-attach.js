// Attaches a Sigstore bundle to an image in a registry as sigstore-js does it (npm @sigstore/oci@0.6.0):
// an OCI 1.1 referrer manifest, plus the sha256-<hex> referrers tag when the registry has no referrers API.
// The annotations are the ones cosign v3 writes for a signature bundle.
// usage: node sigstore-attach.js HOST/REPO sha256:HEX BUNDLE.json USER PASSWORD
const fs = require('fs');
const { attachArtifactToImage } = require('@sigstore/oci');

async function main() {
  const [imageName, imageDigest, bundlePath, username, password] = process.argv.slice(2);
  const descriptor = await attachArtifactToImage({
    imageName,
    imageDigest,
    artifact: fs.readFileSync(bundlePath),
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    annotations: {
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1',
    },
    credentials: { username, password },
  });
  process.stdout.write('ATTACHED ' + descriptor.digest + '\n');
}

main().catch((e) => {
  console.error('FAIL ' + e.message + (e.cause ? ': ' + e.cause.message : ''));
  process.exit(1);
});
