#!/usr/bin/env python3
"""Refresh ``static/vendor/`` from the npm registry (maintenance script).

Usage (from anywhere; paths are relative to the repository root):

    python3 scripts/vendor_static.py

The app itself never needs Node, npm or a CDN at run time: the files this
script writes are committed to the repository and served as plain static
files.  npm is only needed on the machine of whoever bumps a version here.

For every package pinned in ``PACKAGES`` the script:

1. runs ``npm pack NAME@VERSION --silent`` in a temporary directory,
2. checks the tarball against the pinned sha512 ``integrity`` (the value
   ``npm view NAME@VERSION dist.integrity`` prints),
3. extracts it with :mod:`tarfile` and copies the listed files (flat, by
   base name) into ``static/vendor/<dest>/``,
4. checks every copied ``.css`` file for ``url(...)``/``@import``
   references: remote ``@import`` rules are stripped (and noted in
   VERSIONS.txt); any other non-``data:`` reference makes the script fail,
   because the referenced font/image would be missing or loaded remotely,
5. strips trailing ``sourceMappingURL`` comments from copied .css/.js files
   (the .map files are not vendored; Django's ManifestStaticFilesStorage
   would fail collectstatic on the missing .map), noting it in VERSIONS.txt,
6. writes ``static/vendor/VERSIONS.txt`` with name, version, integrity and
   the sha256 of each copied file (as written, i.e. after any stripping).

To bump a package: ``npm view NAME version`` (or ``npm view 'NAME@1' version``
for the newest 1.x), ``npm view NAME@NEW dist.integrity``, update the entry
below, re-run the script, and review the diff of VERSIONS.txt.

Standard library only (Python 3.11).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

# ---------------------------------------------------------------------------
# Pinned packages.  "files" lists paths inside the package (relative to the
# tarball's top folder, normally "package/"); each is copied flat, under its
# base name, into static/vendor/<dest>/.  "integrity" is the registry's
# sha512 of the tarball (`npm view NAME@VERSION dist.integrity`).
#
# "license_notice": used when the npm tarball ships no LICENSE file of its
# own (true for @tabler/core 1.6.1).  The script then writes LICENSE.txt
# from what the tarball does contain: the "license" field of package.json,
# the copyright banner at the top of the given file, and the README's
# "License" section.
# ---------------------------------------------------------------------------
PACKAGES: list[dict] = [
    {
        "name": "@tabler/core",
        "version": "1.6.1",  # newest 1.x on the registry when pinned
        "integrity": (
            "sha512-lgmR9gcxRp5JlLxcmRi9Rz85JrEvH6Bz71KnlcPV"
            "Sa97wtwQNjgSs3g3fxwbAlulHyRMghhIV04QUuW3pqDsIg=="
        ),
        "dest": "tabler",
        "files": [
            "dist/css/tabler.min.css",
            "dist/js/tabler.min.js",
        ],
        "license_notice": "dist/css/tabler.min.css",
    },
    {
        "name": "htmx.org",
        # newest 2.x; the registry's "latest" tag is 4.x (a different major)
        "version": "2.0.11",
        "integrity": (
            "sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM"
            "3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=="
        ),
        "dest": "htmx",
        "files": [
            "dist/htmx.min.js",
            "LICENSE",
        ],
    },
    {
        "name": "@tabler/icons-sprite",
        "version": "3.48.0",  # "latest" tag when pinned
        "integrity": (
            "sha512-e55W76mmXr69ub3gOy6RO8NTlT23gzjJ/khNNMyB"
            "MvQT8XdTc1LAa48k542dX71oqlXv9dDq04BjTsZAWg37iA=="
        ),
        "dest": "tabler-icons",
        "files": [
            "dist/tabler-sprite.svg",  # outline icons, ids "tabler-<icon-name>"
            "LICENSE",
        ],
    },
]

REPO_ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = REPO_ROOT / "static" / "vendor"
VERSIONS_FILE = VENDOR_DIR / "VERSIONS.txt"

# Hosts that must never be loaded by the browser from a vendored file.
REMOTE_ASSET_RE = re.compile(r"https?://(cdn|fonts\.googleapis|fonts\.gstatic|unpkg)", re.I)
# A remote @import, in any of its forms:
#   @import url("https://..."); @import url(//...); @import "https://...";
# (the URL itself may contain ";", e.g. Google Fonts' "wght@400;700").
REMOTE_IMPORT_RE = re.compile(
    r"""@import\s+(?:url\(\s*(["']?)(?:https?:)?//.*?\1\s*\)|(["'])(?:https?:)?//.*?\2)[^;]*;""",
    re.I | re.S,
)
ANY_IMPORT_RE = re.compile(r"@import\s[^;]*;", re.I)
# "/*# sourceMappingURL=x.map */" (css) or "//# sourceMappingURL=x.map" (js), own line.
SOURCE_MAP_RE = re.compile(
    r"\n?(?:/\*# sourceMappingURL=[^*\n]*\*/|//# sourceMappingURL=[^\n]*)[ \t]*$"
)
CSS_URL_RE = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""", re.I | re.S)


class VendorError(Exception):
    pass


def log(msg: str) -> None:
    print(msg, flush=True)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def sri_sha512(path: Path) -> str:
    h = hashlib.sha512()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return "sha512-" + base64.b64encode(h.digest()).decode("ascii")


def npm_pack(name: str, version: str, workdir: Path) -> Path:
    """Download NAME@VERSION's tarball into workdir with ``npm pack``."""
    npm = shutil.which("npm")
    if npm is None:
        raise VendorError("npm not found on PATH (needed only for this maintenance script)")
    spec = f"{name}@{version}"
    proc = subprocess.run(
        [npm, "pack", spec, "--silent", "--ignore-scripts"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise VendorError(f"npm pack {spec} failed ({proc.returncode}):\n{proc.stderr.strip()}")
    lines = [ln.strip() for ln in proc.stdout.splitlines() if ln.strip()]
    tarball = workdir / lines[-1] if lines else None
    if tarball is None or not tarball.is_file():
        found = sorted(workdir.glob("*.tgz"))
        if len(found) != 1:
            raise VendorError(f"npm pack {spec}: cannot find the tarball (stdout={proc.stdout!r})")
        tarball = found[0]
    return tarball


def extract(tarball: Path, into: Path) -> Path:
    """Extract an npm tarball safely; return the package root folder."""
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball, "r:gz") as tf:
        if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4
            tf.extractall(into, filter="data")
        else:  # pragma: no cover - older 3.11 patch releases
            root = into.resolve()
            for member in tf.getmembers():
                target = (into / member.name).resolve()
                if root not in target.parents and target != root:
                    raise VendorError(f"unsafe path in {tarball.name}: {member.name}")
                if not (member.isfile() or member.isdir()):
                    raise VendorError(f"unexpected member type in {tarball.name}: {member.name}")
            tf.extractall(into)
    tops = [p for p in into.iterdir() if p.is_dir()]
    if len(tops) != 1:
        raise VendorError(
            f"{tarball.name}: expected one top-level folder, found {[p.name for p in tops]}"
        )
    return tops[0]  # normally "package"


def license_notice(pkg: dict, pkg_root: Path, meta: dict) -> str:
    """Build LICENSE.txt text for a tarball that has no LICENSE file."""
    banner_src = pkg_root / pkg["license_notice"]
    text = banner_src.read_text(encoding="utf-8", errors="replace")
    m = re.search(r"/\*!(.*?)\*/", text, re.S)
    banner = ""
    if m:
        banner = "\n".join(ln.strip().lstrip("*").strip() for ln in m.group(1).strip().splitlines())
    readme_section = ""
    readme = next((p for p in pkg_root.iterdir() if p.name.lower() == "readme.md"), None)
    if readme is not None:
        rm = re.search(
            r"^##\s+Licen[cs]e\s*$(.*?)(?=^##\s|\Z)",
            readme.read_text(encoding="utf-8"),
            re.M | re.S,
        )
        if rm:
            readme_section = rm.group(1).strip()
    parts = [
        f"{pkg['name']} {pkg['version']}",
        "",
        "The npm tarball of this version ships no LICENSE file. This notice was",
        "generated by scripts/vendor_static.py from what the tarball contains.",
        "",
        f'package.json "license": {meta.get("license", "(not set)")}',
    ]
    if banner:
        parts += [
            "",
            f"Copyright banner at the top of {pkg['license_notice']} (kept in the vendored file):",
            "",
            banner,
        ]
    if readme_section:
        parts += ["", "README.md, section 'License':", "", readme_section]
    return "\n".join(parts) + "\n"


def strip_source_map(path: Path, notes: list[str]) -> None:
    """Drop ``sourceMappingURL`` comments: the .map files are not vendored.

    Django's ManifestStaticFilesStorage (whitenoise's Compressed... variant
    included) follows these comments during collectstatic and fails with
    MissingFileError when the .map file is absent.
    """
    text = path.read_text(encoding="utf-8")
    new, count = SOURCE_MAP_RE.subn("", text)
    if count:
        path.write_text(new, encoding="utf-8")
        notes.append(f"stripped sourceMappingURL comment from {path.name} (.map not vendored)")


def check_css(path: Path, notes: list[str]) -> None:
    """Strip remote @imports; fail on any other url()/@import that is not a data: URI."""
    css = path.read_text(encoding="utf-8")
    stripped = [m.group(0) for m in REMOTE_IMPORT_RE.finditer(css)]
    if stripped:
        css = REMOTE_IMPORT_RE.sub("", css)
        path.write_text(css, encoding="utf-8")
        for rule in stripped:
            notes.append(f"stripped remote @import from {path.name}: {rule.strip()}")
    leftover_imports = ANY_IMPORT_RE.findall(css)
    if leftover_imports:
        raise VendorError(
            f"{path.name}: local @import rules need their targets vendored too: {leftover_imports}"
        )
    bad = sorted(
        {ref for _, ref in CSS_URL_RE.findall(css) if not ref.strip().lower().startswith("data:")}
    )
    # "#id" fragment references (SVG filters/masks) are harmless.
    bad = [ref for ref in bad if not ref.startswith("#")]
    if bad:
        raise VendorError(
            f"{path.name} references files that are not vendored (fonts/images would be missing "
            f"or remote): {bad}. Files are copied flat, so vendoring them needs the css and its "
            f"assets kept in their package layout (or the url()s rewritten) -- extend this script."
        )


def vendor_package(pkg: dict, workdir: Path, staging: Path) -> dict:
    name, version = pkg["name"], pkg["version"]
    log(f"- {name}@{version}")
    pack_dir = workdir / "pack"
    pack_dir.mkdir()
    tarball = npm_pack(name, version, pack_dir)
    integrity = sri_sha512(tarball)
    if integrity != pkg["integrity"]:
        raise VendorError(
            f"{name}@{version}: tarball integrity {integrity} != pinned {pkg['integrity']}"
        )
    pkg_root = extract(tarball, workdir / "x")
    meta = json.loads((pkg_root / "package.json").read_text(encoding="utf-8"))
    if meta.get("name") != name or meta.get("version") != version:
        raise VendorError(
            f"tarball is {meta.get('name')}@{meta.get('version')}, expected {name}@{version}"
        )

    dest = staging / pkg["dest"]
    dest.mkdir(parents=True)
    copied: list[tuple[str, str]] = []  # (source path in package, dest file name)
    for rel in pkg["files"]:
        src = pkg_root / rel
        if not src.is_file():
            raise VendorError(f"{name}@{version} has no file {rel}")
        target = dest / src.name
        if target.exists():
            raise VendorError(f"{name}: two listed files share the base name {src.name}")
        shutil.copyfile(src, target)
        copied.append((rel, src.name))
    if pkg.get("license_notice"):
        (dest / "LICENSE.txt").write_text(license_notice(pkg, pkg_root, meta), encoding="utf-8")
        copied.append(("(generated: no LICENSE in tarball)", "LICENSE.txt"))
    if not any(n.upper().startswith(("LICENSE", "LICENCE")) for _, n in copied):
        raise VendorError(
            f"{name}: no license file copied; list it in 'files' or set 'license_notice'"
        )

    notes: list[str] = []
    for _, fname in copied:
        if fname.endswith((".css", ".js")):
            strip_source_map(dest / fname, notes)
        if fname.endswith(".css"):
            check_css(dest / fname, notes)
    return {
        "name": name,
        "version": version,
        "integrity": integrity,
        "license": meta.get("license", "?"),
        "dest": pkg["dest"],
        "files": copied,
        "notes": notes,
    }


def write_versions(results: list[dict], staging: Path) -> str:
    lines = [
        "# static/vendor/ -- generated by scripts/vendor_static.py; do not edit by hand.",
        "# Re-run `python3 scripts/vendor_static.py` to refresh (needs npm; the app does not).",
        "# Per package: name, version, license, tarball integrity; then per file:",
        "# sha256, path under static/vendor/, size in bytes, source path inside the package.",
        "",
    ]
    for r in results:
        lines.append(
            f"{r['name']} {r['version']}  license={r['license']}  integrity={r['integrity']}"
        )
        for src, fname in r["files"]:
            path = staging / r["dest"] / fname
            lines.append(
                f"  sha256={sha256_of(path)}  {r['dest']}/{fname}  {path.stat().st_size}  <- {src}"
            )
        for note in r["notes"]:
            lines.append(f"  NOTE: {note}")
        if any(f.endswith(".css") for _, f in r["files"]) and not any(
            "@import" in n for n in r["notes"]
        ):
            lines.append(
                "  NOTE: css checked: no @import, no url() but data: URIs (none remote/missing)"
            )
        lines.append("")
    return "\n".join(lines)


def scan_remote(root: Path) -> list[str]:
    hits = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            for n, line in enumerate(
                path.read_text(encoding="utf-8", errors="replace").splitlines(), 1
            ):
                for m in REMOTE_ASSET_RE.finditer(line):
                    context = line[max(0, m.start() - 60) : m.end() + 60]
                    hits.append(f"{path.relative_to(root)}:{n}: ...{context}...")
    return hits


def main() -> int:
    log(f"Vendoring {len(PACKAGES)} packages into {VENDOR_DIR.relative_to(REPO_ROOT)}/")
    dests = [p["dest"] for p in PACKAGES]
    if len(set(dests)) != len(dests):
        raise VendorError("two packages share a dest folder")
    with tempfile.TemporaryDirectory(prefix="vendor_static_") as tmp:
        tmp_path = Path(tmp)
        staging = tmp_path / "staging"
        staging.mkdir()
        results = []
        for i, pkg in enumerate(PACKAGES):
            work = tmp_path / f"pkg{i}"
            work.mkdir()
            results.append(vendor_package(pkg, work, staging))
        (staging / "VERSIONS.txt").write_text(write_versions(results, staging), encoding="utf-8")

        hits = scan_remote(staging)
        if hits:
            log("WARNING: CDN/font URLs in vendored files (check the browser loads none):")
            for h in hits:
                log("  " + h)

        # Everything succeeded: replace the destination folders atomically-ish.
        VENDOR_DIR.mkdir(parents=True, exist_ok=True)
        for dest in dests:
            target = VENDOR_DIR / dest
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(staging / dest, target)
        shutil.copyfile(staging / "VERSIONS.txt", VERSIONS_FILE)

    unknown = sorted(
        p.name for p in VENDOR_DIR.iterdir() if p.name not in set(dests) | {"VERSIONS.txt"}
    )
    if unknown:
        log(f"WARNING: entries in static/vendor/ not managed by this script: {unknown}")
    for r in results:
        for _, fname in r["files"]:
            p = VENDOR_DIR / r["dest"] / fname
            log(f"  {p.relative_to(REPO_ROOT)}  {p.stat().st_size} bytes")
    log(f"  {VERSIONS_FILE.relative_to(REPO_ROOT)}")
    log("done")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except VendorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
