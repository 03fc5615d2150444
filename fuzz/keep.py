#!/usr/bin/env python3
"""Picks the fuzzer's interesting inputs to keep as test fixtures.

Usage: python3 fuzz/keep.py [folder|profile] [CORPUS] [OUT]
       (defaults: folder, fuzz/corpus/TARGET, tests/fixtures/fuzz/TARGET)

Interesting here means: it reaches a different problem. Each corpus input
is written out as the folder the fuzz target sees (for `folder`,
NUL-separated chunks -> scenario.toml, a.toml, ...; for `profile`, the
whole input as a.toml; see fuzz/pipeline.rs) and checked with the release
binary's `costlens check`; every message is reduced to a template
(numbers -> N, quoted text -> Q), and the smallest input per template is
kept (and the smallest with no problem at all), plus any input in
fuzz/artifacts (crashes found). OUT is replaced.
"""

import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "costlens"
NAMES = ["scenario.toml", "a.toml", "b.toml", "c.toml", "d.toml", "e.toml"]


def templates(data: bytes, target: str) -> set[str]:
    with tempfile.TemporaryDirectory() as tmp:
        if target == "profile":
            (Path(tmp) / "a.toml").write_bytes(data)
        for chunk, name in zip(data.split(b"\0"), NAMES) if target == "folder" else []:
            (Path(tmp) / name).write_bytes(chunk)
        out = subprocess.run([BINARY, "check", tmp], capture_output=True)
    found = set()
    for line in out.stderr.decode("utf-8", "replace").splitlines():
        if not line.startswith(tmp):
            continue
        message = line[len(tmp):].split(": ", 1)[-1]
        message = re.sub(r"`[^`]*`|\"[^\"]*\"|'[^']*'", "Q", message)
        message = re.sub(r"0x[0-9A-Fa-f]+", "X", message)
        message = re.sub(r"[-+]?\d[\d_.eE+-]*|inf|nan", "N", message)
        found.add(message)
    return found


def main() -> int:
    target = sys.argv[1] if len(sys.argv) > 1 else "folder"
    if target not in ("folder", "profile"):
        print(__doc__, file=sys.stderr)
        return 2
    corpus = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "fuzz" / "corpus" / target
    out = Path(sys.argv[3]) if len(sys.argv) > 3 else ROOT / "tests" / "fixtures" / "fuzz" / target
    best: dict[str, bytes] = {}
    inputs = sorted(corpus.iterdir())
    for path in inputs:
        data = path.read_bytes()
        # A folder with no problem at all is a category of its own.
        for template in templates(data, target) or {"(no problems)"}:
            if template not in best or len(data) < len(best[template]):
                best[template] = data
    keep = {hashlib.sha1(d).hexdigest()[:12]: d for d in best.values()}
    artifacts = ROOT / "fuzz" / "artifacts" / target
    crashes = sorted(artifacts.iterdir()) if artifacts.is_dir() else []
    for path in crashes:
        keep[f"crash-{path.name[-12:]}"] = path.read_bytes()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for name, data in keep.items():
        (out / name).write_bytes(data)
    (out / "TEMPLATES.txt").unlink(missing_ok=True)
    print(f"{len(inputs)} corpus inputs, {len(best)} distinct problems, "
          f"{len(crashes)} crash inputs: kept {len(keep)} in {out}")
    for template in sorted(best):
        print(f"  {template}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
