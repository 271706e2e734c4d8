#!/usr/bin/env python3
"""Sum the test counters of every .trx file under a directory.

usage: count-trx.py RESULTS_DIR [--raw]

Reads the <Counters total= executed= passed= failed= .../> element of each
TRX file (VSTest's `--logger trx`) found under RESULTS_DIR, recursively, and
prints

    tests: N passed, N failed

or, with --raw, the three numbers "PASSED FAILED FILES" on one line (FILES is
how many .trx files were read), for scripts.

"failed" counts the outcomes failed, error, timeout and aborted. A .trx file
that cannot be read or has no <Counters> element counts as one failure, so a
broken run is never reported as green. Exit status: 0 when nothing failed
and at least one .trx file was found, else 1.
"""

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

FAIL_KEYS = ("failed", "error", "timeout", "aborted")


def counters_of(path: Path) -> dict:
    """Return the attributes of the file's <Counters> element (namespace-agnostic)."""
    try:
        for _, elem in ET.iterparse(path, events=("end",)):
            if elem.tag == "Counters" or elem.tag.endswith("}Counters"):
                return dict(elem.attrib)
    except ET.ParseError:
        # A truncated file (run killed mid-write): fall back to a regex.
        match = re.search(r"<Counters\b([^>]*)/?>", path.read_text(errors="replace"))
        if match:
            return dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
    return {}


def number(attrs: dict, key: str) -> int:
    try:
        return int(attrs.get(key, 0))
    except ValueError:
        return 0


def main(argv: list) -> int:
    args = [a for a in argv[1:] if a != "--raw"]
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    passed = failed = files = 0
    for trx in sorted(Path(args[0]).rglob("*.trx")):
        files += 1
        attrs = counters_of(trx)
        if not attrs:
            print(f"count-trx: no <Counters> in {trx}: counted as 1 failure", file=sys.stderr)
            failed += 1
            continue
        passed += number(attrs, "passed")
        failed += sum(number(attrs, key) for key in FAIL_KEYS)
    if "--raw" in argv:
        print(passed, failed, files)
    else:
        print(f"tests: {passed} passed, {failed} failed")
    return 0 if files and not failed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
