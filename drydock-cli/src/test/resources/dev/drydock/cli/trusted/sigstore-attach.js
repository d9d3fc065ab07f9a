// Attaches a Sigstore bundle to an image as an OCI referrer with @sigstore/oci (npm 0.6.0), as
// sigstore-js's `attest --oci` does; registry credentials come from $HOME/.docker/config.json.
// usage: node sigstore-attach.js HOST:PORT/REPO sha256:HEX BUNDLE.json
const fs = require('fs');
const { attachArtifactToImage, getRegistryCredentials } = require('@sigstore/oci');

async function main() {
  const [imageName, imageDigest, bundlePath] = process.argv.slice(2);
  const artifact = fs.readFileSync(bundlePath);
  const bundle = JSON.parse(artifact.toString('utf8'));
  const descriptor = await attachArtifactToImage({
    imageName,
    imageDigest,
    credentials: getRegistryCredentials(imageName),
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
