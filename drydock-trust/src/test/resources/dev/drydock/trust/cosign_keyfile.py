#!/usr/bin/python3
"""Independent reference for cosign encrypted key files (go-securesystemslib layout):
scrypt (hashlib) + NaCl secretbox (PyNaCl). Used by CosignKeyFileIT to cross-check drydock.

  cosign_keyfile.py encrypt PKCS8_DER_FILE PASSWORD N LABEL > key.pem
  cosign_keyfile.py decrypt KEY_FILE PASSWORD > pkcs8.der
"""
import base64, hashlib, json, os, sys
import nacl.secret

ACCEPTED = {32768, 65536, 131072}

def kdf(password, salt, n):
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=8, p=1, dklen=32, maxmem=2**28)

def encrypt(der_file, password, n, label):
    n = int(n)
    salt, nonce = os.urandom(32), os.urandom(24)
    box = nacl.secret.SecretBox(kdf(password, salt, n)).encrypt(open(der_file, "rb").read(), nonce)
    doc = {"kdf": {"name": "scrypt", "params": {"N": n, "r": 8, "p": 1},
                   "salt": base64.b64encode(salt).decode()},
           "cipher": {"name": "nacl/secretbox", "nonce": base64.b64encode(nonce).decode()},
           "ciphertext": base64.b64encode(box.ciphertext).decode()}
    body = base64.b64encode(json.dumps(doc, separators=(",", ":")).encode()).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    sys.stdout.write("-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, "\n".join(lines), label))

def decrypt(key_file, password):
    lines = [l for l in open(key_file).read().splitlines() if l and not l.startswith("-----")]
    doc = json.loads(base64.b64decode("".join(lines)))
    p = doc["kdf"]["params"]
    assert p["N"] in ACCEPTED and p["r"] == 8 and p["p"] == 1, "unaccepted scrypt parameters"
    key = kdf(password, base64.b64decode(doc["kdf"]["salt"]), p["N"])
    plain = nacl.secret.SecretBox(key).decrypt(base64.b64decode(doc["ciphertext"]),
                                               base64.b64decode(doc["cipher"]["nonce"]))
    sys.stdout.buffer.write(plain)

if __name__ == "__main__":
    {"encrypt": encrypt, "decrypt": decrypt}[sys.argv[1]](*sys.argv[2:])
