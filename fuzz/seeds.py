#!/usr/bin/env python3
"""Writes the fuzzers' starting corpora: for `folder`, folders built from
the shipped profiles and the explorer fixtures, in its input format (files
separated by NUL: scenario.toml, a.toml, b.toml, c.toml, ..., then keys);
for `profile`, each of those files on its own."""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fuzz" / "corpus" / "folder"
out.mkdir(parents=True, exist_ok=True)

scenario = (root / "profiles" / "scenario.toml").read_bytes()
models = sorted(p for p in (root / "profiles").glob("*.toml")
                if p.name not in ("scenario.toml", "tiered.toml"))
mix = re.sub(rb'profile = "[^"]*"', b'profile = "a"', (root / "profiles" / "tiered.toml").read_bytes(), count=1)
mix = re.sub(rb'profile = "(?!a")[^"]*"', b'profile = "b"', mix)
keys = bytes(range(0, 64))

n = 0
for i, first in enumerate(models):
    second = models[(i + 1) % len(models)]
    parts = [scenario, first.read_bytes(), second.read_bytes(), mix, keys]
    (out / f"shipped-{n:02}").write_bytes(b"\0".join(parts))
    n += 1
fixtures = root / "tests" / "fixtures" / "explorer"
parts = [(fixtures / "scenario.toml").read_bytes(), (fixtures / "strong.toml").read_bytes(),
         (fixtures / "cheap.toml").read_bytes(), keys]
(out / "fixtures").write_bytes(b"\0".join(parts))
print(f"{n + 1} seeds in {out}")

# The one-file target: every shipped and fixture file on its own.
single = root / "fuzz" / "corpus" / "profile"
single.mkdir(parents=True, exist_ok=True)
files = sorted((root / "profiles").glob("*.toml")) + sorted(fixtures.glob("*.toml"))
for path in files:
    (single / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes())
print(f"{len(files)} seeds in {single}")
