#!/usr/bin/env python3
"""Synthesises the scan benchmark's data (deterministic, seeded): the image content and OSV records.

  synth.py content ROOTFS_STATUS OUT_DIR    image layers' content: jars (some nested in wars),
                                            node_modules, Python dist-info, bulk binary data
  synth.py osv BULK_DIR ROOTFS_STATUS COUNT OUT_ZIP
                                            OSV records in an all.zip: varied ecosystems, ranges,
                                            severities, aliases, until the DB (bulk + these) holds COUNT

Package names are shared between the two so that matching does real work: the image's packages
come from the same pools as the advisories (plus names no advisory knows).
"""
import io
import json
import os
import random
import sys
import zipfile

SEED = 20261205
POOL_NPM = 4000
POOL_MAVEN = 2500
POOL_PYPI = 1500
POOL_GO = 1200


def dpkg_sources(status_path):
    """(package, source, version) of each installed package in a dpkg status file."""
    out, cur = [], {}
    with open(status_path, encoding="utf-8", errors="replace") as f:
        for line in f.read().split("\n") + [""]:
            if not line.strip():
                if "Package" in cur and "Version" in cur:
                    src = cur.get("Source", cur["Package"]).split(" ")[0]
                    out.append((cur["Package"], src, cur["Version"]))
                cur = {}
            elif not line.startswith(" ") and ":" in line:
                k, v = line.split(":", 1)
                cur[k] = v.strip()
    return out


def pools(bulk_dir):
    """Package names per ecosystem: the real ones in the bulk sets first, then synthetic ones."""
    real = {"Maven": set(), "PyPI": set(), "Go": set(), "npm": set()}
    if bulk_dir:
        for root, _, files in os.walk(bulk_dir):
            for fn in files:
                if not fn.endswith(".json"):
                    continue
                try:
                    with open(os.path.join(root, fn), encoding="utf-8") as f:
                        rec = json.load(f)
                except (OSError, ValueError):
                    continue
                for a in rec.get("affected", []) or []:
                    p = a.get("package") or {}
                    if p.get("ecosystem") in real and p.get("name"):
                        real[p["ecosystem"]].add(p["name"])
    rnd = random.Random(SEED)
    words = ["core", "util", "http", "json", "parse", "stream", "cache", "auth", "crypto", "log",
             "db", "query", "test", "mock", "cli", "config", "time", "date", "image", "xml",
             "yaml", "net", "async", "path", "fs", "glob", "color", "string", "math", "event"]

    def name(i):
        return "%s-%s-%d" % (rnd.choice(words), rnd.choice(words), i)

    out = {}
    out["npm"] = sorted(real["npm"]) + [name(i) if i % 3 else "@%s/%s" % (rnd.choice(words), name(i))
                                         for i in range(POOL_NPM)]
    out["Maven"] = sorted(real["Maven"]) + ["org.%s.%s:%s" % (rnd.choice(words), rnd.choice(words), name(i))
                                             for i in range(POOL_MAVEN)]
    out["PyPI"] = sorted(real["PyPI"]) + [name(i) for i in range(POOL_PYPI)]
    out["Go"] = sorted(real["Go"]) + ["github.com/%s/%s" % (rnd.choice(words), name(i)) for i in range(POOL_GO)]
    return out


def version(rnd):
    return "%d.%d.%d" % (rnd.randint(0, 9), rnd.randint(0, 30), rnd.randint(0, 40))


def random_bytes(rnd, n):
    return rnd.getrandbits(8 * n).to_bytes(n, "little") if n else b""


def jar_bytes(rnd, group, artifact, ver, classes):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nImplementation-Title: %s\r\n"
                   "Implementation-Version: %s\r\n\r\n" % (artifact, ver))
        z.writestr("META-INF/maven/%s/%s/pom.properties" % (group, artifact),
                   "groupId=%s\nartifactId=%s\nversion=%s\n" % (group, artifact, ver))
        for c in range(classes):
            z.writestr("%s/C%d.class" % (group.replace(".", "/"), c),
                       b"\xca\xfe\xba\xbe" + random_bytes(rnd, rnd.randint(500, 6000)))
    return buf.getvalue()


def content(status, out):
    rnd = random.Random(SEED + 1)
    p = pools(os.environ.get("BULK_DIR"))
    counts = {}
    # Java: 2,000 jars in lib/, and 20 wars each holding 25 jars (nested archives).
    lib = os.path.join(out, "java", "lib")
    os.makedirs(lib, exist_ok=True)
    n = 0
    for i in range(2000):
        g, a = rnd.choice(p["Maven"]).split(":", 1)
        v = version(rnd)
        with open(os.path.join(lib, "%s-%s-%d.jar" % (a, v, i)), "wb") as f:
            f.write(jar_bytes(rnd, g, a, v, rnd.randint(2, 12)))
        n += 1
    wars = os.path.join(out, "java", "webapps")
    os.makedirs(wars, exist_ok=True)
    for w in range(20):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
            z.writestr("WEB-INF/web.xml", "<web-app/>")
            for j in range(25):
                g, a = rnd.choice(p["Maven"]).split(":", 1)
                v = version(rnd)
                z.writestr("WEB-INF/lib/%s-%s.jar" % (a, v), jar_bytes(rnd, g, a, v, 3))
                n += 1
        with open(os.path.join(wars, "app%d.war" % w), "wb") as f:
            f.write(buf.getvalue())
    counts["java archives (incl. nested)"] = n
    # npm: 6,000 packages, some nested under another package's node_modules.
    nm = os.path.join(out, "node", "node_modules")
    top = []
    for i in range(6000):
        name = rnd.choice(p["npm"]) if i % 5 else "unknown-pkg-%d" % i
        base = nm if (i % 4 or not top) else os.path.join(rnd.choice(top), "node_modules")
        d = os.path.join(base, name)
        if os.path.exists(d):
            continue
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "package.json"), "w") as f:
            json.dump({"name": name, "version": version(rnd), "description": "synthetic " + name,
                       "main": "index.js", "license": "MIT",
                       "dependencies": {rnd.choice(p["npm"]): "^1.0.0" for _ in range(rnd.randint(0, 4))}}, f)
        with open(os.path.join(d, "index.js"), "w") as f:
            f.write("module.exports = function () { return %d; };\n" % i + "// " + "x" * rnd.randint(100, 3000) + "\n")
        if base == nm:
            top.append(d)
    counts["npm package.json"] = sum(1 for r, _, fs in os.walk(nm) for x in fs if x == "package.json")
    # Python: 1,200 dist-info directories with a module beside each.
    sp = os.path.join(out, "python", "site-packages")
    os.makedirs(sp, exist_ok=True)
    seen = set()
    for i in range(1200):
        name = rnd.choice(p["PyPI"]) if i % 4 else "unknown_py_%d" % i
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        v = version(rnd)
        di = os.path.join(sp, "%s-%s.dist-info" % (name.replace("-", "_"), v))
        os.makedirs(di, exist_ok=True)
        with open(os.path.join(di, "METADATA"), "w") as f:
            f.write("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: synthetic\n\n" % (name, v))
        with open(os.path.join(di, "RECORD"), "w") as f:
            f.write("%s/__init__.py,,\n" % name)
        mod = os.path.join(sp, name.replace("-", "_").replace(".", "_"))
        os.makedirs(mod, exist_ok=True)
        with open(os.path.join(mod, "__init__.py"), "wb") as f:
            f.write(b"# " + random_bytes(rnd, rnd.randint(200, 20000)).hex().encode() + b"\n")
    counts["python dist-info"] = len(seen)
    # Bulk data: incompressible files in three layers (~950 MB) so that the image passes 1 GB.
    for layer, files in (("data1", 40), ("data2", 40), ("data3", 33)):
        d = os.path.join(out, layer)
        os.makedirs(d, exist_ok=True)
        for i in range(files):
            with open(os.path.join(d, "blob-%03d.bin" % i), "wb") as f:
                for _ in range(8):
                    f.write(os.urandom(1 << 20))
    counts["dpkg packages"] = len(dpkg_sources(status))
    json.dump(counts, open(os.path.join(out, "counts.json"), "w"), indent=1)
    print(json.dumps(counts))


CVSS = ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N",
        "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"]


def osv(bulk, status, count, out_zip):
    rnd = random.Random(SEED + 2)
    p = pools(bulk)
    real = sum(1 for r, _, fs in os.walk(bulk) for f in fs if f.endswith(".json"))
    deb = sorted({s for _, s, _ in dpkg_sources(status)})
    want = max(0, count - real)
    ecos = ["npm"] * 30 + ["Maven"] * 25 + ["PyPI"] * 15 + ["Go"] * 15 + ["Debian:12"] * 15
    with zipfile.ZipFile(out_zip, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for i in range(want):
            eco = rnd.choice(ecos)
            if eco == "Debian:12":
                name = rnd.choice(deb) if rnd.random() < 0.3 else "synthetic-src-%d" % rnd.randint(0, 8000)
            else:
                pool = p[eco]
                # Zipf-like: popular packages collect many advisories.
                name = pool[min(len(pool) - 1, int(rnd.paretovariate(1.2)) - 1)] if rnd.random() < 0.3 else rnd.choice(pool)
            rid = "DRYDOCK-SYN-%06d" % i
            cve = "CVE-%d-%05d" % (rnd.randint(2015, 2026), i % 100000)
            affected = []
            for _ in range(1 if rnd.random() < 0.85 else 2):
                intro = version(rnd)
                fixed = "%s.%d" % (intro.rsplit(".", 1)[0], int(intro.rsplit(".", 1)[1]) + rnd.randint(1, 9))
                if eco == "Debian:12":
                    events = [{"introduced": "0"}] + ([{"fixed": "%s-%d+deb12u%d" % (version(rnd), rnd.randint(1, 5), rnd.randint(1, 9))}]
                                                      if rnd.random() < 0.7 else [])
                    rtype = "ECOSYSTEM"
                else:
                    first = {"introduced": "0" if rnd.random() < 0.3 else intro}
                    last = rnd.random()
                    events = [first] + ([{"fixed": fixed}] if last < 0.8 else [{"last_affected": fixed}] if last < 0.9 else [])
                    rtype = "SEMVER" if eco in ("npm", "Go") else "ECOSYSTEM"
                a = {"package": {"ecosystem": eco, "name": name}, "ranges": [{"type": rtype, "events": events}]}
                if rnd.random() < 0.1 and eco != "Go":
                    a["versions"] = [version(rnd) for _ in range(rnd.randint(1, 6))]
                affected.append(a)
            rec = {"schema_version": "1.6.0", "id": rid, "modified": "2026-%02d-%02dT00:00:00Z" % (rnd.randint(1, 11), rnd.randint(1, 28)),
                   "published": "2025-01-01T00:00:00Z", "aliases": [cve],
                   "summary": "Synthetic advisory %d in %s" % (i, name),
                   "details": "Synthesised for the drydock scan benchmark. " + "Lorem ipsum dolor sit amet. " * rnd.randint(1, 12),
                   "affected": affected,
                   "references": [{"type": "ADVISORY", "url": "https://example.invalid/%s" % rid}]}
            if rnd.random() < 0.7:
                rec["severity"] = [{"type": "CVSS_V3", "score": rnd.choice(CVSS)}]
            else:
                rec["database_specific"] = {"severity": rnd.choice(["LOW", "MODERATE", "HIGH", "CRITICAL"])}
            z.writestr(rid + ".json", json.dumps(rec))
    print(json.dumps({"real": real, "synthesised": want, "total": real + want}))


if __name__ == "__main__":
    if sys.argv[1] == "content":
        content(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "osv":
        osv(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    else:
        sys.exit(__doc__)
