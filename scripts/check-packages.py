#!/usr/bin/env python3
"""Check the packed RbacKit packages: what a consumer and a debugger need is in them.

    scripts/check-packages.py artifacts/packages 0.1.0 [COMMIT]

For each of RbacKit.Core, RbacKit.EntityFramework and RbacKit.AspNetCore, the .nupkg must have the MIT license
expression, <repository type="git" url=... commit=...> (COMMIT when given), the README, and the DLL with its XML docs;
the .snupkg must hold the portable PDB with SourceLink JSON pointing at raw.githubusercontent.com for that commit.

Prints one line per package, `NAME<TAB>yes` or `NAME<TAB>no: reasons` (downstream-e2e.sh counts them); exit status 0
only if every package passed. Reads the zip files only: no build, no network.
"""
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

PACKAGES = ("RbacKit.Core", "RbacKit.EntityFramework", "RbacKit.AspNetCore")
TFM = "net10.0"


def check(folder: Path, package_id: str, version: str, commit: str | None) -> list[str]:
    problems: list[str] = []
    nupkg = folder / f"{package_id}.{version}.nupkg"
    snupkg = folder / f"{package_id}.{version}.snupkg"
    if not nupkg.is_file():
        return [f"{nupkg.name} missing"]
    with zipfile.ZipFile(nupkg) as z:
        names = set(z.namelist())
        nuspec = ET.fromstring(z.read(f"{package_id}.nuspec"))
    ns = {"n": nuspec.tag[1:].split("}")[0]} if nuspec.tag.startswith("{") else {"n": ""}
    meta = nuspec.find("n:metadata", ns)
    if meta is None:
        return ["nuspec has no metadata"]

    license_el = meta.find("n:license", ns)
    if license_el is None or license_el.get("type") != "expression" or (license_el.text or "").strip() != "MIT":
        problems.append("license expression MIT missing")

    repo = meta.find("n:repository", ns)
    repo_commit = repo.get("commit", "") if repo is not None else ""
    if repo is None or repo.get("type") != "git" or not repo.get("url", "").startswith("https://"):
        problems.append("<repository type=git url=https://...> missing")
    elif not re.fullmatch(r"[0-9a-f]{40}", repo_commit):
        problems.append(f"repository commit missing ({repo_commit!r})")
    elif commit and repo_commit != commit:
        problems.append(f"repository commit {repo_commit} is not HEAD {commit}")

    readme = meta.find("n:readme", ns)
    if readme is None or (readme.text or "").strip() not in names:
        problems.append("README missing")
    for entry in (f"lib/{TFM}/{package_id}.dll", f"lib/{TFM}/{package_id}.xml"):
        if entry not in names:
            problems.append(f"{entry} missing")

    if not snupkg.is_file():
        problems.append(f"{snupkg.name} missing")
    else:
        with zipfile.ZipFile(snupkg) as z:
            pdb_name = f"lib/{TFM}/{package_id}.pdb"
            if pdb_name not in z.namelist():
                problems.append(f"{pdb_name} missing from the .snupkg")
            else:
                pdb = z.read(pdb_name)
                # Portable PDB ("BSJB" metadata); SourceLink is a custom debug information blob holding UTF-8 JSON.
                link = re.search(rb'\{"documents":\{[^}]*\}\}', pdb)
                expected = f"https://raw.githubusercontent.com/rbackit/rbackit/{repo_commit or commit}/"
                if not pdb.startswith(b"BSJB"):
                    problems.append("symbols are not a portable PDB")
                elif link is None:
                    problems.append("no SourceLink JSON in the PDB")
                elif expected.encode() not in link.group(0):
                    problems.append(f"SourceLink does not point at {expected}: {link.group(0).decode(errors='replace')}")
    return problems


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    folder, version = Path(sys.argv[1]), sys.argv[2]
    commit = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
    ok = True
    for package_id in PACKAGES:
        problems = check(folder, package_id, version, commit)
        ok &= not problems
        print(f"{package_id} metadata, docs and SourceLink symbols\t" + ("yes" if not problems else "no: " + "; ".join(problems)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
