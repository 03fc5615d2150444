#!/usr/bin/env python3
"""The explorer under abuse and load, timed in a real terminal (tmux).

Usage: python3 bench/hardening.py [--json PATH]

Build first (`cargo build --release`, or use bench/run which does both).
Every case starts the release binary in its own tmux server, on a temp
copy of the shipped profiles, and reads the screen with capture-pane
(polled every 2 ms, so times are good to a few ms):

- idle CPU: the explorer watching its folder, and `watch --json`, left
  alone for 5 s; CPU ticks (utime + stime, /proc/PID/stat) over that time.
- key flood: 10,000 random keys (every bound key and many unbound ones,
  never `q` or Ctrl-C) sent in batches of 100; then how long the help,
  asked for after them, takes to show (input is handled in order).
- resize: 12 single resizes, 0.4 s apart, each timed until the table is
  drawn at the new width; then a storm of 300 random sizes from 1x1 to
  300x100 and back to 100x30, timed until the table is right at 100x30
  (tmux holds back resizes that follow each other closely, up to 250 ms).
- 10,000 files written into the watched folder: from the last write until
  the table title counts 10,008 profiles; then the help's latency and the
  explorer's peak RSS (VmHWM).
- a 50 MB file written into the folder: from the end of the write until
  its "larger than 1 MiB" message is on screen; then the help's latency.

Exit status: 0 every case ran and the explorer stayed up; 2 a case failed.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "costlens"
TIMEOUT_S = 30.0
CHEAPEST = "Fable 5.1"
CLK_TCK = os.sysconf("SC_CLK_TCK")


class CaseError(RuntimeError):
    pass


class Tmux:
    """A tmux server of its own running `command` in pane `main`."""

    def __init__(self, command: str, cwd: Path, width: int = 100, height: int = 30):
        self.socket = f"costlens-bench-{os.getpid()}-{random.randrange(1 << 30)}"
        self.run("new", "-d", "-s", "main", "-x", str(width), "-y", str(height),
                 "-c", str(cwd), f"exec {command}")

    def run(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise CaseError(f"tmux {args[0]} failed: {out.stderr.strip()}")
        return out.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "main")

    def pid(self) -> int:
        return int(self.run("display", "-p", "-t", "main", "#{pane_pid}").strip())

    def wait_for(self, what: str, ready) -> float:
        """Polls until ready(screen); returns the time it was seen."""
        start = time.monotonic()
        while True:
            screen = self.screen()
            if ready(screen):
                return time.monotonic()
            if time.monotonic() - start > TIMEOUT_S:
                raise CaseError(f"timed out waiting for {what}; screen:\n{screen}")
            time.sleep(0.002)

    def close(self) -> None:
        try:
            pid = self.pid()
        except Exception:  # the pane may already be gone
            pid = None
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        # The explorer ends on the server's SIGHUP as it does on `q`, after
        # what it is doing (a key flood's saves and exports write files):
        # wait for it, or the case's folder is removed under its writes.
        deadline = time.monotonic() + 10
        while pid is not None and Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.01)


def ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the most resident memory the process has had."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise CaseError(f"no VmHWM for {pid}")


def explorer(folder: Path, cwd: Path, width: int = 100, height: int = 30) -> Tmux:
    tmux = Tmux(f"'{BINARY}' '{folder}'", cwd, width, height)
    tmux.wait_for("the table", lambda s: CHEAPEST in s)
    return tmux


def idle_cpu(folder: Path, cwd: Path) -> dict:
    tmux = explorer(folder, cwd)
    try:
        pid = tmux.pid()
        time.sleep(0.5)
        before = ticks(pid)
        time.sleep(5)
        explorer_ticks = ticks(pid) - before
    finally:
        tmux.close()
    watch = subprocess.Popen([BINARY, "watch", "--json", folder], stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        before = ticks(watch.pid)
        time.sleep(5)
        watch_ticks = ticks(watch.pid) - before
    finally:
        watch.kill()
        watch.wait()
    return {"explorer_ticks": explorer_ticks, "watch_ticks": watch_ticks,
            "seconds": 5, "clk_tck": CLK_TCK}


def key_pool() -> list[str]:
    keys = [c for c in "abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            "!\"#$%&'()*+,-./:<=>?@[\\]^_`{|}~ "]
    keys += ["Up", "Down", "Left", "Right", "S-Left", "S-Right", "Tab", "BTab", "Enter",
             "Escape", "Home", "End", "PageUp", "PageDown", "BSpace", "DC", "IC"]
    keys += [f"F{n}" for n in range(1, 13)]
    keys += [f"C-{c}" for c in "abdefghijklmnopqrstuvwxyz"]
    keys += [f"M-{c}" for c in "abcdefghijklmnopqrstuvwxyz"]
    return keys


def help_round_trip(tmux: Tmux) -> float:
    """ms from F1 until the help shows. F1 opens the help whatever state a
    flood left (`?` would toggle it). Input is handled in order, so this is
    also how long any backlog took to clear."""
    asked = time.monotonic()
    tmux.run("send-keys", "-t", "main", "F1")
    return (tmux.wait_for("the help", lambda s: "╭ Keys" in s) - asked) * 1e3


def key_flood(folder: Path, cwd: Path) -> dict:
    tmux = explorer(folder, cwd)
    try:
        rng = random.Random(2)
        pool = key_pool()
        start = time.monotonic()
        for _ in range(100):
            tmux.run("send-keys", "-t", "main", *(rng.choice(pool) for _ in range(100)))
        sent = time.monotonic()
        help_ms = help_round_trip(tmux)
        rss_mb = peak_rss_mb(tmux.pid())
        alive = "costlens" in tmux.run("display", "-p", "-t", "main", "#{pane_current_command}")
        if not alive:
            raise CaseError("the explorer died during the key flood")
    finally:
        tmux.close()
    return {"keys": 10_000, "send_ms": (sent - start) * 1e3, "help_after_ms": help_ms,
            "peak_rss_mb": rss_mb}


def drawn_width(screen: str) -> int:
    return max((len(line.rstrip()) for line in screen.splitlines()), default=0)


def resize_storm(folder: Path, cwd: Path) -> dict:
    tmux = explorer(folder, cwd)
    try:
        # One resize at a time first. tmux itself holds back a pane's
        # resize for up to 250 ms when the last one was recent, so these
        # are spaced out; the storm below is not, and includes that hold.
        single = []
        for width, height in [(120, 30), (100, 30), (140, 40), (100, 30)] * 3:
            time.sleep(0.4)
            asked = time.monotonic()
            tmux.run("resize-window", "-t", "main", "-x", str(width), "-y", str(height))
            seen = tmux.wait_for(f"the table at {width}x{height}",
                                 lambda s: drawn_width(s) == width and CHEAPEST in s)
            single.append((seen - asked) * 1e3)
        rng = random.Random(1)
        sizes = [(1, 1), (300, 100)] + [(rng.randint(1, 300), rng.randint(1, 100))
                                         for _ in range(298)]
        start = time.monotonic()
        for width, height in sizes:
            tmux.run("resize-window", "-t", "main", "-x", str(width), "-y", str(height))
        tmux.run("resize-window", "-t", "main", "-x", "100", "-y", "30")
        resized = time.monotonic()
        done = tmux.wait_for("the table at 100x30",
                             lambda s: CHEAPEST in s and drawn_width(s) == 100)
    finally:
        tmux.close()
    return {"single_resize_median_ms": statistics.median(single),
            "single_resize_max_ms": max(single), "resizes": len(sizes) + 1,
            "issue_ms": (resized - start) * 1e3, "settled_after_last_ms": (done - resized) * 1e3}


def many_files(folder: Path, cwd: Path) -> dict:
    tmux = explorer(folder, cwd, 160, 40)
    try:
        text = (folder / "haiku-4.5.toml").read_text()
        for n in range(10_000):
            (folder / f"gen-{n:05}.toml").write_text(text.replace("Haiku 4.5", f"Gen {n}"))
        written = time.monotonic()
        done = tmux.wait_for("10,008 profiles", lambda s: "· 10008 profiles ·" in s)
        help_ms = help_round_trip(tmux)
        rss_mb = peak_rss_mb(tmux.pid())
    finally:
        tmux.close()
    return {"files": 10_000, "on_screen_ms": (done - written) * 1e3, "help_after_ms": help_ms,
            "peak_rss_mb": rss_mb}


def huge_file(folder: Path, cwd: Path) -> dict:
    tmux = explorer(folder, cwd, 160, 40)
    size = 50 * 1024 * 1024
    try:
        with open(folder / "huge.toml", "wb") as f:
            f.write(b"#" * size)
        written = time.monotonic()
        message = f"huge.toml: file is larger than 1 MiB (found {size} bytes)"
        done = tmux.wait_for("the size message", lambda s: message in s)
        help_ms = help_round_trip(tmux)
    finally:
        tmux.close()
    return {"bytes": size, "message_ms": (done - written) * 1e3, "help_after_ms": help_ms}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not BINARY.is_file():
        print(f"{BINARY} is missing: run `cargo build --release` first", file=sys.stderr)
        return 2
    if shutil.which("tmux") is None:
        print("tmux is not on PATH", file=sys.stderr)
        return 2
    results = {}
    cases = [("idle_cpu", idle_cpu), ("key_flood", key_flood), ("resize_storm", resize_storm),
             ("many_files", many_files), ("huge_file", huge_file)]
    for name, case in cases:
        with tempfile.TemporaryDirectory(prefix="costlens-hardening-") as tmp:
            folder = Path(tmp) / "profiles"
            shutil.copytree(ROOT / "profiles", folder)
            try:
                results[name] = case(folder, Path(tmp))
            except CaseError as err:
                print(f"{name}: {err}", file=sys.stderr)
                return 2
        print(f"{name}: {json.dumps(results[name])}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
