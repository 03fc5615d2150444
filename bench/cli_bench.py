#!/usr/bin/env python3
"""Wall time and peak memory of `costlens report` and `costlens analyze`, against a Python baseline.

Usage: python3 bench/cli_bench.py [--runs-small N] [--runs-large N]
                                  [--large-dir DIR] [--count N] [--skip-large]

Run from anywhere; paths are resolved against the repository root. Build
first (`cargo build --release`, or use bench/run which does both).

Each case is a fresh process, as a user would run it, so the timings
include process start-up, reading the folder and printing the JSON. One
untimed run per case goes first: it checks the exit status and output,
and warms the page cache so the timed runs measure costlens, not the disk.

Peak RSS comes from os.wait4 on the child itself (ru_maxrss). Linux
charges a child, at exec, with the memory image it was spawned from, so a
child of this script can never read below this script's own RSS. The
"spawn floor" row (/bin/true spawned the same way) shows that floor; a
reading at the floor means "this small or smaller", not a real peak. For
the same reason every measurement runs before the cross-check, which
loads the whole generated folder into this process.

Exit status: 0 all targets met; 1 a target missed or the cross-check found
a mismatch; 2 the binary is missing or a command failed.
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BINARY = ROOT / "target" / "release" / "costlens"

# Relative tolerance for costlens vs. the Python transcription: both do the
# same IEEE arithmetic, so anything above rounding noise is a real bug.
REL_TOL = 1e-9

sys.path.insert(0, str(BENCH))
sys.dont_write_bytecode = True  # no __pycache__ left in bench/
import worked_check  # noqa: E402  (the oracle; imported, not re-implemented)


def run_once(cmd: list[str]) -> tuple[float, float]:
    """Wall milliseconds and peak RSS in MiB of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # wait4 rather than proc.wait(): it hands back the child's rusage.
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed_ms = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from reaping again
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}")
    return elapsed_ms, usage.ru_maxrss / 1024  # Linux reports KiB


def checked_output(cmd: list[str], keep_stdout: bool = True) -> str:
    """An untimed run that fails loudly on a bad exit rather than time an error path."""
    stdout = subprocess.PIPE if keep_stdout else subprocess.DEVNULL
    done = subprocess.run(cmd, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}")
    return done.stdout


def p90(samples: list[float]) -> float:
    # Nearest-rank: with 10 runs this is the 9th, with 30 the 27th; no
    # interpolation between runs that never happened.
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def measure(cmd: list[str], runs: int) -> dict:
    # The warm-up drops stdout: holding a 10k-profile JSON here would raise the floor.
    checked_output(cmd, keep_stdout=False)
    times, rss = [], []
    for _ in range(runs):
        ms, mb = run_once(cmd)
        times.append(ms)
        rss.append(mb)
    return {"median": statistics.median(times), "p90": p90(times), "rss": max(rss), "runs": runs}


# ---- cross-check: costlens JSON against the Python transcription ----------


def close(a, b) -> bool:
    if a is None or b is None or isinstance(a, str) or isinstance(b, str):
        return a == b
    return a == b or abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def mix_figures(pid: str, doc: dict, known: dict, scenario: dict) -> dict:
    """A mix by the rule of docs/cost-model.md: share-weighted sums, then the derived figures.

    Lives here rather than in worked_check.py so that file stays the plain
    single-model transcription it is meant to be.
    """
    summed = ["cost_per_merge", "token_cost_per_merge", "review_cost_per_merge",
              "regression_cost", "cost_per_attempt", "expected_attempts", "tokens_per_merge"]
    out = {"id": pid, "name": doc.get("name", pid), "kind": "mix"}
    for key in summed:
        out[key] = sum(part["share"] * known[part["profile"]][key] for part in doc["mix"])
    N = scenario["attempts_shown"]
    out["spend_by_attempt"] = [
        sum(part["share"] * known[part["profile"]]["spend_by_attempt"][k] for part in doc["mix"])
        for k in range(N)
    ]
    # n * m, summed over parts, for review-to-generation.
    out["_review_minutes"] = sum(part["share"] * known[part["profile"]]["_review_minutes"]
                                 for part in doc["mix"])
    E, B, V = scenario["engineer_rate"], scenario["baseline_hours"], scenario["changes_per_week"]
    K, U = scenario["platform_cost_per_month"], scenario["setup_cost"]
    L = out["cost_per_merge"]
    out["token_share"] = out["token_cost_per_merge"] / L
    L_0 = S = None if B is None else B * E
    if B is not None:
        S = L_0 - L
    out["baseline_cost"], out["savings_per_merge"] = L_0, S
    out["roi"] = None if S is None else S / L
    out["break_even_first_pass_rate"] = None
    out["review_to_generation"] = None if B is None else out["_review_minutes"] / (B * 60)
    out["weekly_spend"] = None if V is None else V * L
    net = None if (V is None or S is None) else V * S - K * 12 / 52
    out["weekly_net_saving"] = net
    out["payback_weeks"] = U / net if net is not None and net > 0 else None
    out["p90_attempts"] = out["p90_cost"] = None
    return out


def oracle(folder: Path) -> list[dict]:
    """Expected rows for every profile in `folder`, models and mixes."""
    import tomllib

    scenario = dict(worked_check.SCENARIO_DEFAULTS)
    if (folder / "scenario.toml").exists():
        scenario.update(tomllib.loads((folder / "scenario.toml").read_text()))
    docs = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name != "scenario.toml" and not worked_check.is_scratch(path):
            docs[path.stem] = tomllib.loads(path.read_text())
    known: dict[str, dict] = {}

    def resolve(pid: str) -> dict:
        # Recursion is fine: gen_profiles.py only nests a few levels.
        if pid not in known:
            doc = docs[pid]
            if "mix" in doc:
                for part in doc["mix"]:
                    resolve(part["profile"])
                known[pid] = mix_figures(pid, doc, known, scenario)
            else:
                row = worked_check.profile_figures(pid, doc, scenario)
                row["_review_minutes"] = row["expected_attempts"] * doc["quality"]["review_minutes"]
                known[pid] = row
        return known[pid]

    rows = [resolve(pid) for pid in docs]
    rows.sort(key=lambda row: (row["cost_per_merge"], row["id"]))
    return rows


def cross_check(folder: Path, costlens_json: str, label: str) -> list[str]:
    """Every figure where costlens and the oracle disagree, as readable lines."""
    got = json.loads(costlens_json)
    want = oracle(folder)
    problems = [f"{label}: costlens error {e}" for e in got["errors"]]
    got_rows = {row["id"]: row for row in got["profiles"]}
    for expected in want:
        actual = got_rows.get(expected["id"])
        if actual is None:
            problems.append(f"{label}: {expected['id']} missing from costlens output")
            continue
        for key, value in expected.items():
            if key.startswith("_"):
                continue
            if key == "spend_by_attempt":
                pairs = list(zip(value, actual[key]))
                if len(value) != len(actual[key]):
                    problems.append(f"{label}: {expected['id']}.{key} length {len(actual[key])} != {len(value)}")
                bad = [(k + 1, a, b) for k, (b, a) in enumerate(pairs) if not close(a, b)]
                problems += [f"{label}: {expected['id']}.{key}[{k}] costlens {a!r} python {b!r}" for k, a, b in bad]
            elif not close(actual.get(key), value):
                problems.append(f"{label}: {expected['id']}.{key} costlens {actual.get(key)!r} python {value!r}")
    if [r["id"] for r in got["profiles"]] != [r["id"] for r in want] and not problems:
        problems.append(f"{label}: profile order differs from cheapest-first, ties by id")
    return problems


def worked_expectations(python_json: str) -> list[str]:
    """The published numbers of the worked check (docs/cost-model.md), as a guard on the oracle itself."""
    rows = {row["id"]: row for row in json.loads(python_json)["profiles"]}
    problems = []
    for pid, want, digits in [("strong", 30.50, 2), ("cheap", 78.446, 3)]:
        got = rows[pid]["cost_per_merge"]
        if round(got, digits) != want:
            problems.append(f"worked_check.py: {pid} cost_per_merge {got} != {want}")
    return problems


def analyze_shape(analyze_json: str) -> list[str]:
    """`analyze --format json` on the shipped folder: the documented keys, in order, for the cheapest."""
    doc = json.loads(analyze_json)
    keys = ["profile", "against", "step", "cost_per_merge", "against_cost_per_merge", "levers",
            "cost_by_first_pass_rate", "crossover", "retry", "payback"]
    problems = []
    if list(doc) != keys:
        problems.append(f"analyze: keys {list(doc)} != {keys}")
    elif doc["profile"] != "fable-5.1" or len(doc["levers"]) != 10:
        problems.append(f"analyze: profile {doc['profile']!r}, {len(doc['levers'])} levers")
    return problems


# ---- main -----------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs-small", type=int, default=30, help="runs for cases a-c (default 30)")
    ap.add_argument("--runs-large", type=int, default=10, help="runs for the 10k case (default 10)")
    ap.add_argument("--large-dir", type=Path, help="existing generated folder; default: generate a temp one")
    ap.add_argument("--count", type=int, default=10_000, help="profiles to generate (default 10000)")
    ap.add_argument("--skip-large", action="store_true", help="skip case d")
    args = ap.parse_args()

    if not BINARY.is_file():
        print(f"cli_bench: {BINARY} not found; run `cargo build --release` first", file=sys.stderr)
        return 2

    binary = str(BINARY.relative_to(ROOT))
    cases = [
        ("a. costlens report, shipped profiles/", [binary, "report", "--format", "json", "profiles"], args.runs_small),
        ("b. costlens report, bench/worked", [binary, "report", "--format", "json", "bench/worked"], args.runs_small),
        ("c. python3 worked_check.py, bench/worked", [sys.executable, "bench/worked_check.py", "bench/worked"], args.runs_small),
    ]

    with tempfile.TemporaryDirectory(prefix="costlens-bench-") as tmp:
        large = args.large_dir
        if not args.skip_large:
            if large is None:
                large = Path(tmp) / "profiles"
                subprocess.run([sys.executable, str(BENCH / "gen_profiles.py"), str(large), str(args.count)], check=True)
            # The generated folder must be all-good, or case d would time the error path.
            check = subprocess.run([binary, "check", str(large)], cwd=ROOT, capture_output=True, text=True)
            if check.returncode != 0:
                sys.stderr.write(check.stderr[-4000:])
                print(f"cli_bench: costlens check {large} exited {check.returncode}", file=sys.stderr)
                return 2
            n_files = sum(1 for _ in large.glob("*.toml")) - 1
            cases.append((f"d. costlens report, {n_files} generated", [binary, "report", "--format", "json", str(large)], args.runs_large))
        # The analyses of the cheapest profile (docs/analysis.md), as JSON.
        analyze_case = ("e. costlens analyze, shipped profiles/", [binary, "analyze", "--format", "json", "profiles"], args.runs_small)
        cases.append(analyze_case)

        problems = []
        try:
            # Timings first, while this process is still small (see the
            # module docstring on the RSS floor).
            floor = max(run_once(["/bin/true"])[1] for _ in range(5))
            results = {label: measure(cmd, runs) for label, cmd, runs in cases}
            # Then correctness: a fast wrong answer is not a result.
            problems += worked_expectations(checked_output(cases[2][1]))
            problems += cross_check(ROOT / "bench/worked", checked_output(cases[1][1]), "bench/worked")
            if not args.skip_large:
                problems += cross_check(large, checked_output(cases[3][1]), "generated")
            problems += analyze_shape(checked_output(analyze_case[1]))
        except RuntimeError as err:
            print(f"cli_bench: {err}", file=sys.stderr)
            return 2

    print("| case | runs | median ms | p90 ms | peak RSS MB |")
    print("|---|---:|---:|---:|---:|")
    for label, r in results.items():
        # Half a MiB of slack: the floor itself wobbles a little between spawns.
        rss = f"<= {floor:.1f} (floor)" if r["rss"] <= floor + 0.5 else f"{r['rss']:.1f}"
        print(f"| {label} | {r['runs']} | {r['median']:.2f} | {r['p90']:.2f} | {rss} |")
    print(f"| spawn floor (/bin/true) | 5 | | | {floor:.1f} |")
    print()

    a, b, c = (results[label] for label, _, _ in cases[:3])
    speedup = c["median"] / b["median"]
    print(f"speed-up of (b) costlens over (c) Python on the worked check: {speedup:.1f}x (median vs median)")
    print()

    targets = [
        ("(a) shipped folder median < 5 ms", a["median"] < 5, f"{a['median']:.2f} ms"),
        (">= 10x faster than Python (b vs c)", speedup >= 10, f"{speedup:.1f}x"),
    ]
    e = results[analyze_case[0]]
    targets.append(("(e) analyze, shipped folder median < 5 ms", e["median"] < 5, f"{e['median']:.2f} ms"))
    if not args.skip_large:
        d = results[cases[3][0]]
        targets += [
            ("(d) generated folder median < 300 ms", d["median"] < 300, f"{d['median']:.1f} ms"),
            ("(d) generated folder peak RSS < 50 MB", d["rss"] < 50, f"{d['rss']:.1f} MB"),
        ]
    for name, ok, value in targets:
        print(f"- [{'x' if ok else ' '}] {name}: {value}{'' if ok else '  MISSED'}")

    print()
    if problems:
        print(f"cross-check: {len(problems)} figure(s) differ by more than {REL_TOL:g} relative:")
        for line in problems[:50]:
            print(f"  {line}")
        if len(problems) > 50:
            print(f"  ... and {len(problems) - 50} more")
    else:
        checked = "bench/worked" + ("" if args.skip_large else " and the generated folder")
        print(f"cross-check: costlens matches the Python transcription within {REL_TOL:g} on {checked}")

    return 0 if all(ok for _, ok, _ in targets) and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
