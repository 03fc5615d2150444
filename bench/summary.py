#!/usr/bin/env python3
"""One table of every figure bench/run measured, and every target.

Usage: python3 bench/summary.py [--cli FILE] [--startup FILE] [--reload FILE]
                                [--hardening FILE] [--criterion DIR]
                                [--since EPOCH]

--cli      what bench/cli_bench.py printed (its markdown table and targets)
--startup  the JSON that bench/startup.py --json wrote
--reload   the JSON that bench/reload_latency.py --json wrote
--hardening  the JSON that bench/hardening.py --json wrote
--criterion  criterion's output folder (default target/criterion): the
           key-press figures come from <group>/<id>/new/estimates.json
           (median.point_estimate, ns) and sample.json (for the p90)
--since    Unix time the run started; criterion figures older than this
           are from an earlier run and count as missing, not as results

Exit status: 0 every target met; 1 a target missed or a figure missing.
"""

import argparse
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYPRESS_TARGET_MS = 1.0
# (group/id, what it is); keypress/1000 carries the target.
CRITERION = [
    ("keypress/10", "key press (update + draw 200x60), 10 profiles"),
    ("keypress/1000", "key press (update + draw 200x60), 1,000 profiles"),
    ("render_only/1000", "draw only, 1,000 profiles"),
    ("update_only/1000", "update only, 1,000 profiles"),
    ("analyze/model_1000", "analyze one model among 1,000 profiles"),
    ("analyze/mix_1000", "analyze one mix among 1,000 profiles"),
]
# model::analysis::analyze runs on every key press of the explorer's views.
ANALYZE_TARGET_MS = 0.2


def p90(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def cli_rows(text: str) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, bool]]]:
    """(label, median, p90, peak RSS) per timed case, and the targets with met or not."""
    rows, targets = [], []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        # | label | runs | median ms | p90 ms | peak RSS MB |, timed rows only.
        if line.startswith("|") and len(cells) == 5 and re.fullmatch(r"[\d.]+", cells[2]):
            rows.append((f"CLI {cells[0]}", cells[2], cells[3], cells[4]))
        match = re.match(r"- \[( |x)\] (.*)", line)
        if match:
            targets.append((match.group(2).replace("  MISSED", ""), match.group(1) == "x"))
    return rows, targets


def criterion_figure(root: Path, name: str, since: float | None) -> tuple[float, float] | None:
    """Median (criterion's estimate) and p90 over samples, in ms; None if missing or stale."""
    new = root / name / "new"
    estimates, sample = new / "estimates.json", new / "sample.json"
    if not estimates.is_file() or (since is not None and estimates.stat().st_mtime < since):
        return None
    median_ms = json.loads(estimates.read_text())["median"]["point_estimate"] / 1e6
    spread = math.nan
    if sample.is_file():
        data = json.loads(sample.read_text())
        per_iter = [t / n for t, n in zip(data["times"], data["iters"]) if n]
        if per_iter:
            spread = p90(per_iter) / 1e6
    return median_ms, spread


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", type=Path)
    ap.add_argument("--startup", type=Path)
    ap.add_argument("--reload", type=Path)
    ap.add_argument("--hardening", type=Path)
    ap.add_argument("--criterion", type=Path, default=ROOT / "target" / "criterion")
    ap.add_argument("--since", type=float)
    args = ap.parse_args()

    rows: list[tuple[str, str, str, str]] = []
    targets: list[tuple[str, bool]] = []
    missing: list[str] = []

    if args.cli is not None:
        if args.cli.is_file():
            cli, cli_targets = cli_rows(args.cli.read_text())
            rows += cli
            targets += [(f"CLI {name}", ok) for name, ok in cli_targets]
            if not cli:
                missing.append("CLI figures (cli_bench.py printed no table)")
        else:
            missing.append(f"CLI figures ({args.cli} not written)")

    if args.startup is not None:
        if args.startup.is_file():
            s = json.loads(args.startup.read_text())
            c, floor = s["costlens"], s["spawn_floor"]
            where = f"`costlens profiles`, {s['size']} pty, `--theme auto` never answered"
            rows += [
                (f"start-up: first frame visible, {where}",
                 f"{c['visible_median_ms']:.2f}", f"{c['visible_p90_ms']:.2f}", ""),
                (f"start-up: start to exit, {where}",
                 f"{c['exit_median_ms']:.2f}", f"{c['exit_p90_ms']:.2f}", ""),
            ]
            # Older JSON files have neither.
            for key, label in [("theme_dark", "`--theme dark` (nothing asked)"),
                               ("theme_answered", "`--theme auto`, answered at once")]:
                if key in s:
                    rows.append((f"start-up: start to exit, {label}",
                                 f"{s[key]['exit_median_ms']:.2f}", f"{s[key]['exit_p90_ms']:.2f}", ""))
            rows.append(("start-up: spawn floor (/bin/true, same spawn)",
                         f"{floor['exit_median_ms']:.2f}", f"{floor['exit_p90_ms']:.2f}", ""))
            targets.append((f"start to first frame median (`--theme auto`, no answer) < {s['target_ms']:.0f} ms: "
                            f"{c['exit_median_ms']:.2f} ms", c["exit_median_ms"] < s["target_ms"]))
        else:
            missing.append(f"start-up figures ({args.startup} not written)")

    if args.reload is not None:
        if args.reload.is_file():
            r = json.loads(args.reload.read_text())
            rows.append((f"live reload: save to `watch --json` line, {r['seen']} of {r['saves']} saves "
                         f"in 5 editor styles (max {r['max_ms']:.1f} ms)",
                         f"{r['p50_ms']:.1f}", f"{r['p95_ms']:.1f} (p95)", ""))
            targets.append((f"live reload p50 < 40 ms: {r['p50_ms']:.1f} ms", r["p50_ms"] < 40))
            targets.append((f"live reload p95 < 80 ms: {r['p95_ms']:.1f} ms", r["p95_ms"] < 80))
            targets.append((f"no save missed: {r['missed']} missed", r["missed"] == 0))
        else:
            missing.append(f"live reload figures ({args.reload} not written)")

    if args.hardening is not None:
        if args.hardening.is_file():
            h = json.loads(args.hardening.read_text())
            idle, keys, resize = h["idle_cpu"], h["key_flood"], h["resize_storm"]
            files, huge = h["many_files"], h["huge_file"]
            tick_ms = 1000 / idle["clk_tck"]
            rows += [
                (f"idle CPU over {idle['seconds']} s, explorer / `watch --json` "
                 f"(ticks of {tick_ms:g} ms)", f"{idle['explorer_ticks']} / {idle['watch_ticks']}",
                 "", ""),
                ("resize to redrawn table, one resize at a time (tmux, 12 resizes)",
                 f"{resize['single_resize_median_ms']:.1f}",
                 f"{resize['single_resize_max_ms']:.1f} (max)", ""),
                (f"resize storm, {resize['resizes']} sizes 1x1..300x100: issued in "
                 f"{resize['issue_ms']:.0f} ms; last resize to right table",
                 f"{resize['settled_after_last_ms']:.0f}", "", ""),
                (f"10,000 random keys (sent in {keys['send_ms']:.0f} ms): the help asked "
                 "for after them shows", f"{keys['help_after_ms']:.1f}", "",
                 f"{keys['peak_rss_mb']:.1f}"),
                ("10,000 files written into the watched folder: last write to the table "
                 "counting them", f"{files['on_screen_ms']:.0f}", "",
                 f"{files['peak_rss_mb']:.1f}"),
                ("… then the help's latency with 10,008 profiles",
                 f"{files['help_after_ms']:.1f}", "", ""),
                ("a 50 MB file written into the folder: end of write to its message on screen",
                 f"{huge['message_ms']:.1f}", "", ""),
            ]
            targets.append((f"idle explorer and watch: at most 1 CPU tick in {idle['seconds']} s: "
                            f"{idle['explorer_ticks']} / {idle['watch_ticks']}",
                            max(idle["explorer_ticks"], idle["watch_ticks"]) <= 1))
        else:
            missing.append(f"hardening figures ({args.hardening} not written)")

    for name, label in CRITERION:
        figure = criterion_figure(args.criterion, name, args.since)
        if figure is None:
            missing.append(f"{name} (no fresh {args.criterion / name / 'new/estimates.json'})")
            continue
        median_ms, spread_ms = figure
        rows.append((f"{name}: {label}", f"{median_ms:.3f}", f"{spread_ms:.3f}", ""))
        if name == "analyze/model_1000":
            targets.append((f"analyze one model among 1,000 median < {ANALYZE_TARGET_MS:g} ms: "
                            f"{median_ms:.3f} ms", median_ms < ANALYZE_TARGET_MS))
        if name == "keypress/1000":
            targets.append((f"key press at 1,000 profiles median < {KEYPRESS_TARGET_MS:g} ms: "
                            f"{median_ms:.3f} ms", median_ms < KEYPRESS_TARGET_MS))

    print("## Summary")
    print()
    print("| figure | median ms | p90 ms | peak RSS MB |")
    print("|---|---:|---:|---:|")
    for label, median, spread, rss in rows:
        print(f"| {label} | {median} | {spread} | {rss} |")
    print()
    print("Criterion rows: median is criterion's estimate per iteration; p90 is over its "
          "50 samples' per-iteration means.")
    print()
    for name, ok in targets:
        print(f"- [{'x' if ok else ' '}] {name}{'' if ok else '  MISSED'}")
    for name in missing:
        print(f"- [ ] MISSING: {name}")
    return 0 if all(ok for _, ok in targets) and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
