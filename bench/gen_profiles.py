#!/usr/bin/env python3
"""Writes a large, valid profiles folder for the costlens load benchmark.

Usage: gen_profiles.py DIR [COUNT] [--seed N]

COUNT profile files (default 10000) plus one scenario.toml. About 95% are
single-model profiles with varied, plausible values; about 5% are routing
mixes. The output is a pure function of COUNT and the seed, so timings
taken on different days or machines load byte-identical folders.

Every value is chosen to be valid by construction (not clamped afterwards):
the benchmark must measure the happy path, and `costlens check DIR` must
exit 0 on the result.
"""

import argparse
import random
import sys
from pathlib import Path

MIX_FRACTION = 0.05
# Share sets whose float sum is exactly 1.0 (binary fractions), so no file
# ever sits at the edge of the loader's 1e-9 tolerance.
SHARE_SETS = [
    (0.5, 0.5),
    (0.25, 0.75),
    (0.75, 0.25),
    (0.125, 0.875),
    (0.25, 0.25, 0.5),
    (0.5, 0.25, 0.125, 0.125),
]
# Fraction of mixes that take an earlier mix as one of their parts.
NESTED_FRACTION = 0.2

VENDOR_NOTES = [
    "frontier tier",
    "mid-tier; our default for features",
    "small; triage and docs",
    "self-hosted; prices are amortised GPU cost",
    "batch API; half price, slower",
    "previous generation; older tokenizer",
]


def fmt(x: float, digits: int = 4) -> str:
    # Fixed decimals keep the files short and human-like ("3.25", not
    # "3.2500000000000004"), and rounding never leaves a valid range below.
    text = f"{x:.{digits}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def tokens(n: int) -> str:
    # Real profiles write big counts with underscores; exercise that path.
    return f"{n:_}"


def model_profile(rng: random.Random, idx: int) -> str:
    pin = rng.choice([0.1, 0.25, 0.5, 0.8, 1, 2, 3, 4, 5, 10, 15]) * rng.choice([1, 1, 0.9, 1.1])
    pout = pin * rng.choice([4, 5, 5, 8])
    lines = [
        f"# Generated benchmark profile {idx}; values are synthetic.",
        f'name = "Synthetic model {idx}"',
    ]
    if rng.random() < 0.5:
        lines.append(f'notes = "{rng.choice(VENDOR_NOTES)}"')

    lines += ["", "[prices]", f"input = {fmt(pin)}", f"output = {fmt(pout)}"]
    # Cache prices are optional; leave some out so the defaults get used.
    if rng.random() < 0.7:
        lines.append(f"cache_write = {fmt(pin * rng.choice([1.25, 2.0]))}")
    if rng.random() < 0.7:
        lines.append(f"cache_read = {fmt(pin * rng.choice([0.1, 0.05, 0.025]))}")
    if rng.random() < 0.4:
        lines.append(f"as_of = 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        lines.append('source = "vendor price page"')

    long_prompt = rng.random() < 0.15
    if long_prompt:
        factor = rng.choice([1.5, 2.0, 5.0])
        lines += [
            "",
            "[prices.long_prompt]",
            f"threshold_tokens = {tokens(rng.choice([100_000, 128_000, 200_000]))}",
            f"input = {fmt(pin * factor)}",
            f"output = {fmt(pout * factor)}",
        ]
        if rng.random() < 0.5:
            lines.append(f"cache_write = {fmt(pin * factor * 2)}")
            lines.append(f"cache_read = {fmt(pin * factor * 0.1)}")

    # h <= 0.85 and w <= 0.15 keep h + w <= 1 without any float edge.
    hit = round(rng.uniform(0, 0.85), 2)
    write = round(rng.uniform(0, 0.15), 2)
    lines += [
        "",
        "[usage]",
        f"input_tokens = {tokens(rng.randrange(5_000, 400_000, 500))}",
        f"output_tokens = {tokens(rng.randrange(1_000, 40_000, 100))}",
    ]
    if rng.random() < 0.8:
        lines.append(f"fanout = {fmt(rng.choice([1.0, 1.0, 1.0, 1.5, 2.0, 3.5]))}")
    if rng.random() < 0.8:
        lines.append(f"cache_hit_ratio = {fmt(hit, 2)}")
        lines.append(f"cache_write_ratio = {fmt(write, 2)}")
    if long_prompt:
        lines.append(f"long_prompt_share = {fmt(round(rng.uniform(0.05, 0.6), 2), 2)}")

    # A few perfect first-pass rates exercise the p = 1 branch of P90.
    p = 1.0 if rng.random() < 0.01 else round(rng.uniform(0.15, 0.98), 2)
    lines += [
        "",
        "[quality]",
        f"first_pass_rate = {fmt(p, 2)}",
        f"review_minutes = {fmt(round(rng.uniform(1, 30), 1), 1)}",
    ]
    if rng.random() < 0.9:
        lines.append(f"survive_rate = {fmt(round(rng.uniform(0.9, 1.0), 3), 3)}")
        lines.append(f"incident_cost = {rng.choice([0, 300, 900, 900, 2500, 10_000])}")
    return "\n".join(lines) + "\n"


def mix_profile(rng: random.Random, idx: int, models: list[str], mixes: list[str]) -> str:
    shares = rng.choice(SHARE_SETS)
    # Distinct parts: a repeated id would be legal but unrealistic.
    parts = rng.sample(models, len(shares))
    # Nesting only ever points at a mix written earlier, so the reference
    # graph is a DAG and no cycle can form.
    if mixes and rng.random() < NESTED_FRACTION:
        parts[0] = rng.choice(mixes)
    lines = [
        f"# Generated routing mix {idx}.",
        f'name = "Synthetic routing mix {idx}"',
    ]
    for part, share in zip(parts, shares):
        lines += ["", "[[mix]]", f'profile = "{part}"', f"share = {share}"]
    return "\n".join(lines) + "\n"


SCENARIO = """\
# Generated benchmark scenario: a baseline and a volume are set so the
# savings, ROI, break-even and weekly figures are all computed.
engineer_rate = 120
baseline_hours = 3.5
changes_per_week = 40
platform_cost_per_month = 2000
setup_cost = 15000
attempts_shown = 10
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("count", type=int, nargs="?", default=10_000)
    ap.add_argument("--seed", type=int, default=20261101)
    args = ap.parse_args()
    if args.count < 2:
        sys.exit("gen_profiles.py: COUNT must be at least 2 (a mix needs two models)")

    rng = random.Random(args.seed)
    args.dir.mkdir(parents=True, exist_ok=True)
    n_mix = int(args.count * MIX_FRACTION)
    n_model = args.count - n_mix
    width = len(str(args.count))

    models = []
    for i in range(n_model):
        pid = f"model-{i:0{width}d}"
        (args.dir / f"{pid}.toml").write_text(model_profile(rng, i))
        models.append(pid)

    mixes: list[str] = []
    for i in range(n_mix):
        pid = f"mix-{i:0{width}d}"
        (args.dir / f"{pid}.toml").write_text(mix_profile(rng, i, models, mixes))
        mixes.append(pid)

    (args.dir / "scenario.toml").write_text(SCENARIO)
    print(f"wrote {n_model} models, {n_mix} mixes and scenario.toml to {args.dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
