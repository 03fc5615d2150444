#!/usr/bin/env python3
"""Start to first frame of the explorer, `costlens profiles`, on a real pty.

Usage: python3 bench/startup.py [--runs N] [--cols C] [--rows R] [--json PATH]

Run from anywhere; paths are resolved against the repository root. Build
first (`cargo build --release`, or use bench/run which does both).

Each run gives a fresh `target/release/costlens profiles` a new pseudo-
terminal of 100x30 (TIOCSWINSZ on the slave before the spawn), as its
stdin, stdout, stderr and controlling terminal, with
COSTLENS_EXIT_AFTER_FIRST_FRAME=1 so it leaves right after its first draw.
This script reads the master side until the child has exited and the pty
is drained, and takes two times, both from just before the spawn:

- first frame visible: the header's " costlens " text arrives on the pty
  (the top-left of the first frame, after raw mode and the alternate
  screen are set up);
- start to exit: the child has been reaped, so this includes process
  start-up, loading the folder, entering raw mode and the alternate
  screen, the first draw and restoring the terminal.

The explorer is timed three ways, all with COLORTERM=truecolor:

- `--theme auto` (the default) on a pty that never answers: the explorer
  asks for the background (OSC 11) and waits out its timeout, then falls
  back to dark. This is the start-up the target is for;
- `--theme dark`: nothing asked, so the difference is the cost of asking;
- `--theme auto` on a pty that answers a white background at once (this
  script writes the answer when it sees the query): the light theme.

One untimed run of each goes first: it checks the exit status, that the
frame really holds the table ("Fable 5.1", the cheapest shipped profile),
that the query was sent (or not) and that the theme's canvas colour is on
the pty, and warms the page cache. The "spawn floor" row is /bin/true
spawned the same way: the cost of this script's spawn, not of costlens.

Exit status: 0 target met (`--theme auto`, no answer: start to exit
median < 50 ms); 1 target missed; 2 the binary is missing, a run failed
or the frame was not right.
"""

import argparse
import fcntl
import json
import math
import os
import select
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "costlens"
TARGET_MS = 50.0
# The header's first words: the first thing the first frame draws.
FRAME_MARK = b"costlens"
# The cheapest shipped profile: the table's first row, on any screen size.
TABLE_MARK = b"Fable 5.1"
# A run that has not finished after this long is hung (e.g. the child
# waits for a terminal reply that never comes); fail rather than wait.
TIMEOUT_S = 10.0
# The explorer's question for the background colour (OSC 11).
BACKGROUND_QUERY = b"\x1b]11;?"
# An answer as a terminal gives it: white, then its answer to the DA1
# query sent after OSC 11 (a terminal answers in order).
WHITE_ANSWER = b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\" + b"\x1b[?64;1;2;6;22c"
# The canvas backgrounds in 24 bits: the dark theme's and the light one's.
DARK_CANVAS = b"48;2;22;24;29"
LIGHT_CANVAS = b"48;2;250;250;247"


class RunError(RuntimeError):
    pass


def p90(samples: list[float]) -> float:
    # Nearest-rank, as bench/cli_bench.py: with 30 runs, the 27th.
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def _make_controlling_tty() -> None:
    # Runs in the child after setsid() (start_new_session) and after fd 0
    # became the slave: make the pty the controlling terminal, so /dev/tty
    # in the child is this pty, as it would be in a terminal emulator.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def run_once(cmd: list[str], cols: int, rows: int, env: dict, answer: bytes | None = None) -> dict:
    """One spawn on a fresh pty: times in ms, exit status and everything
    written. With `answer`, the pty answers the background query with it,
    as a terminal would; without, it never answers."""
    master, slave = os.openpty()
    try:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=env,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            preexec_fn=_make_controlling_tty,
        )
    except BaseException:
        os.close(master)
        os.close(slave)
        raise
    # Only the child holds the slave now: when it exits, reads on the
    # master end with EIO once the output is drained.
    os.close(slave)
    output = bytearray()
    first_visible = exited = None
    status = None
    # A pidfd turns readable the moment the child exits, so one select()
    # waits for output and exit alike, with no polling interval in the
    # figures. Without pidfd_open (not Linux >= 5.3), poll every 0.2 ms.
    try:
        pidfd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):
        pidfd = None
    watched = [master] + ([] if pidfd is None else [pidfd])
    try:
        pty_open = True
        while pty_open or exited is None:
            if time.perf_counter() - start > TIMEOUT_S:
                proc.kill()
                raise RunError(f"{' '.join(cmd)} did not exit within {TIMEOUT_S:.0f} s")
            ready, _, _ = select.select(watched, [], [], 0.1 if pidfd is not None else 0.0002)
            if master in ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child side is closed and drained
                    chunk = b""
                stamp = time.perf_counter()
                if chunk:
                    output += chunk
                    if first_visible is None and FRAME_MARK in output:
                        first_visible = stamp
                    if answer is not None and BACKGROUND_QUERY in output:
                        os.write(master, answer)
                        answer = None
                else:
                    pty_open = False
                    watched.remove(master)
            if exited is None and (pidfd is None or pidfd in ready):
                pid, wait_status = os.waitpid(proc.pid, os.WNOHANG)
                if pid:
                    exited = time.perf_counter()
                    status = os.waitstatus_to_exitcode(wait_status)
                    proc.returncode = status  # keep Popen from reaping again
                    if pidfd is not None:
                        watched.remove(pidfd)
    finally:
        os.close(master)
        if pidfd is not None:
            os.close(pidfd)
    return {
        "exit_ms": (exited - start) * 1000,
        "visible_ms": None if first_visible is None else (first_visible - start) * 1000,
        "status": status,
        "output": bytes(output),
    }


def check(result: dict, cmd: list[str], expect: list[bytes] | None, refuse: list[bytes]) -> None:
    """A fast wrong answer is not a result: the run must be a real first
    frame holding every byte string of `expect` and none of `refuse`."""
    if result["status"] != 0:
        tail = result["output"][-2000:].decode("utf-8", "replace")
        raise RunError(f"{' '.join(cmd)} exited {result['status']}:\n{tail}")
    if expect is None:
        return
    out = result["output"]
    missing = [repr(m) for m in [FRAME_MARK, TABLE_MARK, *expect] if m not in out]
    missing += [f"no {m!r}" for m in refuse if m in out]
    # Alternate screen entered, and left again (the terminal is restored).
    missing += [name for name, seq in [("enter alt screen", b"\x1b[?1049h"),
                                       ("leave alt screen", b"\x1b[?1049l")] if seq not in out]
    if missing:
        tail = out[-2000:].decode("utf-8", "replace")
        raise RunError(f"{' '.join(cmd)}: output lacks {', '.join(missing)}:\n{tail!r}")


def measure(cmd: list[str], runs: int, cols: int, rows: int, env: dict,
            expect: list[bytes] | None, refuse: list[bytes] = (), answer: bytes | None = None) -> dict:
    """`expect` None: no frame to check (the spawn floor)."""
    expect_frame = expect is not None
    warm = run_once(cmd, cols, rows, env, answer)
    check(warm, cmd, expect, refuse)
    exits, visibles = [], []
    for _ in range(runs):
        result = run_once(cmd, cols, rows, env, answer)
        check(result, cmd, expect, refuse)
        exits.append(result["exit_ms"])
        if expect_frame:
            visibles.append(result["visible_ms"])
    out = {
        "runs": runs,
        "exit_median_ms": statistics.median(exits),
        "exit_p90_ms": p90(exits),
        "bytes": len(warm["output"]),
    }
    if expect_frame:
        out["visible_median_ms"] = statistics.median(visibles)
        out["visible_p90_ms"] = p90(visibles)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30, help="timed runs (default 30)")
    ap.add_argument("--cols", type=int, default=100, help="pty width (default 100)")
    ap.add_argument("--rows", type=int, default=30, help="pty height (default 30)")
    ap.add_argument("--json", type=Path, help="also write the figures here, for bench/summary.py")
    args = ap.parse_args()

    if not BINARY.is_file():
        print(f"startup: {BINARY} not found; run `cargo build --release` first", file=sys.stderr)
        return 2

    env = dict(os.environ)
    env["COSTLENS_EXIT_AFTER_FIRST_FRAME"] = "1"
    env["TERM"] = env.get("TERM") or "xterm-256color"
    env.pop("NO_COLOR", None)  # time the default, coloured theme
    env["COLORTERM"] = "truecolor"  # the canvas colours checked are 24-bit
    binary = str(BINARY.relative_to(ROOT))
    auto = [binary, "--theme", "auto", "profiles"]
    dark = [binary, "--theme", "dark", "profiles"]
    try:
        floor = measure(["/bin/true"], args.runs, args.cols, args.rows, env, expect=None)
        # The terminal never answers: the query is sent, its wait runs out, dark.
        result = measure(auto, args.runs, args.cols, args.rows, env,
                         expect=[BACKGROUND_QUERY, DARK_CANVAS], refuse=[LIGHT_CANVAS])
        named = measure(dark, args.runs, args.cols, args.rows, env,
                        expect=[DARK_CANVAS], refuse=[BACKGROUND_QUERY])
        answered = measure(auto, args.runs, args.cols, args.rows, env,
                           expect=[BACKGROUND_QUERY, LIGHT_CANVAS], refuse=[DARK_CANVAS],
                           answer=WHITE_ANSWER)
    except (RunError, OSError) as err:
        print(f"startup: {err}", file=sys.stderr)
        return 2

    size = f"{args.cols}x{args.rows}"
    print(f"| start-up, `costlens profiles` on a {size} pty | runs | median ms | p90 ms |")
    print("|---|---:|---:|---:|")
    print(f"| `--theme auto`, no answer: first frame visible (\"costlens\" on the pty) | {result['runs']} "
          f"| {result['visible_median_ms']:.2f} | {result['visible_p90_ms']:.2f} |")
    print(f"| `--theme auto`, no answer: start to exit (first frame drawn, terminal restored) | {result['runs']} "
          f"| {result['exit_median_ms']:.2f} | {result['exit_p90_ms']:.2f} |")
    print(f"| `--theme dark` (nothing asked): start to exit | {named['runs']} "
          f"| {named['exit_median_ms']:.2f} | {named['exit_p90_ms']:.2f} |")
    print(f"| `--theme auto`, the pty answers white at once: start to exit | {answered['runs']} "
          f"| {answered['exit_median_ms']:.2f} | {answered['exit_p90_ms']:.2f} |")
    print(f"| spawn floor (/bin/true on a pty, same spawn) | {floor['runs']} "
          f"| {floor['exit_median_ms']:.2f} | {floor['exit_p90_ms']:.2f} |")
    print()
    print(f"first frame: {result['bytes']:,} bytes on the pty, table checked (\"{TABLE_MARK.decode()}\"); "
          "no answer: asked, dark; answered white: light")
    ok = result["exit_median_ms"] < TARGET_MS
    print(f"- [{'x' if ok else ' '}] start to first frame median (`--theme auto`, no answer) "
          f"< {TARGET_MS:.0f} ms: {result['exit_median_ms']:.2f} ms{'' if ok else '  MISSED'}")

    if args.json:
        args.json.write_text(json.dumps({
            "size": size,
            "target_ms": TARGET_MS,
            "costlens": result,
            "theme_dark": named,
            "theme_answered": answered,
            "spawn_floor": floor,
        }, indent=2) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
