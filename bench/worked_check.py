#!/usr/bin/env python3
"""The cost model of docs/cost-model.md, transcribed literally.

Usage: worked_check.py DIR

This is the "Python doing the same job" baseline for cli_bench.py and the
independent oracle the costlens JSON is cross-checked against, so it is
kept deliberately naive: one formula per line, named as in the doc, no
shared code with the Rust engine. It handles single-model profiles only
(the worked check has no mixes) and refuses anything else loudly rather
than guessing.
"""

import json
import math
import sys
import tomllib
from pathlib import Path

# Scenario defaults from the doc's scenario table; the worked check runs
# at exactly these (E = 120, N = 10, no baseline, no volume).
SCENARIO_DEFAULTS = {
    "engineer_rate": 120,
    "baseline_hours": None,
    "changes_per_week": None,
    "platform_cost_per_month": 0,
    "setup_cost": 0,
    "attempts_shown": 10,
}


def is_scratch(path: Path) -> bool:
    # Same rule as docs/profile-format.md, so both tools see the same files.
    name = path.name
    return name.startswith(".") or name.endswith(("~", ".swp", ".tmp"))


def profile_figures(pid: str, doc: dict, sc: dict) -> dict:
    if "mix" in doc:
        sys.exit(f"worked_check.py: {pid}: routing mixes are not part of the worked check")

    prices, usage, quality = doc["prices"], doc["usage"], doc["quality"]
    E = sc["engineer_rate"]
    B = sc["baseline_hours"]
    V = sc["changes_per_week"]
    K = sc["platform_cost_per_month"]
    U = sc["setup_cost"]
    N = sc["attempts_shown"]

    # Inputs, with the defaults of the doc's input table.
    Pin = prices["input"]
    Pout = prices["output"]
    Pw = prices.get("cache_write", 1.25 * Pin)
    Pr = prices.get("cache_read", 0.1 * Pin)
    Tin = usage["input_tokens"]
    Tout = usage["output_tokens"]
    F = usage.get("fanout", 1)
    h = usage.get("cache_hit_ratio", 0)
    w = usage.get("cache_write_ratio", 0)
    q = usage.get("long_prompt_share", 0)
    p = quality["first_pass_rate"]
    m = quality["review_minutes"]
    s = quality.get("survive_rate", 1)
    I = quality.get("incident_cost", 0)

    def C(band: dict) -> float:
        # C(P) for one price band; a long-prompt band defaults its cache
        # prices from its own input price.
        b_in = band["input"]
        b_out = band["output"]
        b_w = band.get("cache_write", 1.25 * b_in)
        b_r = band.get("cache_read", 0.1 * b_in)
        Pin_eff = (1 - h - w) * b_in + w * b_w + h * b_r
        return F * (Tin * Pin_eff + Tout * b_out) / 1e6

    base = {"input": Pin, "output": Pout, "cache_write": Pw, "cache_read": Pr}
    long_band = prices.get("long_prompt")
    if q > 0:
        C_tok = (1 - q) * C(base) + q * C(long_band)
    else:
        C_tok = C(base)  # "with q = 0 the band is unused"
    C_rev = m * E / 60
    A = C_tok + C_rev
    n = 1 / p
    R = (1 - s) * I
    L = n * A + R

    token_cost_per_merge = n * C_tok
    review_cost_per_merge = n * C_rev
    token_share = n * C_tok / L if L != 0 else None
    tokens_per_merge = n * F * (Tin + Tout)

    # With a baseline (B set).
    L_0 = S = roi = p_star = rtg = None
    if B is not None:
        L_0 = B * E
        S = L_0 - L
        roi = S / L if L != 0 else None
        if L_0 > R and A / (L_0 - R) <= 1:
            p_star = A / (L_0 - R)
        rtg = n * m / (B * 60) if B != 0 else None

    # With a volume (V set).
    weekly_spend = weekly_net = payback = None
    if V is not None:
        weekly_spend = V * L
        if S is not None:
            weekly_net = V * S - K * 12 / 52
            if weekly_net > 0:
                payback = U / weekly_net

    # Risk: the geometric tail.
    n90 = 1 if p == 1 else math.ceil(math.log(0.1) / math.log(1 - p))
    p90_cost = n90 * A + R

    spend_by_attempt = [A * (1 - (1 - p) ** k) / p for k in range(1, N + 1)]

    return {
        "id": pid,
        "name": doc.get("name", pid),
        "kind": "model",
        "cost_per_merge": L,
        "token_cost_per_merge": token_cost_per_merge,
        "review_cost_per_merge": review_cost_per_merge,
        "regression_cost": R,
        "cost_per_attempt": A,
        "expected_attempts": n,
        "tokens_per_merge": tokens_per_merge,
        "token_share": token_share,
        "baseline_cost": L_0,
        "savings_per_merge": S,
        "roi": roi,
        "break_even_first_pass_rate": p_star,
        "review_to_generation": rtg,
        "weekly_spend": weekly_spend,
        "weekly_net_saving": weekly_net,
        "payback_weeks": payback,
        "p90_attempts": n90,
        "p90_cost": p90_cost,
        "spend_by_attempt": spend_by_attempt,
    }


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: worked_check.py DIR")
    folder = Path(sys.argv[1])

    scenario = dict(SCENARIO_DEFAULTS)
    scenario_file = folder / "scenario.toml"
    if scenario_file.exists():
        with scenario_file.open("rb") as f:
            scenario.update(tomllib.load(f))

    profiles = []
    for path in sorted(folder.glob("*.toml")):
        if path.name == "scenario.toml" or is_scratch(path):
            continue
        with path.open("rb") as f:
            profiles.append(profile_figures(path.stem, tomllib.load(f), scenario))

    # Cheapest first, ties by id: the order docs/cli.md documents.
    profiles.sort(key=lambda row: (row["cost_per_merge"], row["id"]))
    print(json.dumps({"scenario": scenario, "profiles": profiles, "errors": []}, indent=2))


if __name__ == "__main__":
    main()
