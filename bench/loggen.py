#!/usr/bin/env python3
"""Writes a realistic tree of Claude Code session logs, for checking
costlens's calibrate reader against ccusage and for timing both.

Usage: loggen.py DIR [--mb SIZE] [--seed N] [--manifest FILE]

DIR/projects/<project>/... receives about SIZE megabytes (default 20) of
JSONL, a pure function of SIZE and the seed. It holds every case of the
log rules (docs/calibrate.md): streaming copies (one line per content
block, the same message.id and requestId, partial output_tokens on all
but the last), resumed sessions (history copied into a new session file,
with the old or the new sessionId), the three sub-agent layouts
(isSidechain lines in the session file; <session>/subagents/agent-*.jsonl;
top-level agent-*.jsonl), lines without requestId, sub-agent replays (the
parent's turn again: same message.id, session and timestamp, another
requestId, isSidechain), <synthetic> and model-less usage lines, every
kind of unusable line, crash-cut last lines, a binary file, 5-minute and
1-hour cache writes, speed fast and standard, several models and three
eras of the format, and the other kinds of line (user, summary, system,
progress, file-history-snapshot). Big sessions reach tens of megabytes.

With --manifest FILE, a JSON file says what the generator put in, by its
own count of the rules: per model the requests and tokens that count, the
lines to be skipped and counted, and how many of each case it wrote.
The lines themselves are built in loglines.py beside this file.

Cases on which ccusage 20.0.24 and the rules disagree (see
docs/calibrate.md) are written only where both give the same totals:
<synthetic> and model-less lines and isSidechain null carry zero tokens,
fractions have three digits, usage objects are written compactly.
"""

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ left in bench/
from loglines import ERAS, WORDS, Lines  # noqa: E402


class Tree(Lines):
    """A tree of log files, written session by session."""

    def __init__(self, root: Path, seed: int, megabytes: float):
        super().__init__(seed)
        self.root = root
        self.target = int(megabytes * 1024 * 1024)
        self.written = 0

    def write(self, path: Path, lines, end="\n", cut_last=False):
        path.parent.mkdir(parents=True, exist_ok=True)
        body = end.join(lines) + end
        if cut_last and lines:
            body = end.join(lines)  # the last line without its newline
        data = body.encode("utf-8")
        path.write_bytes(data)
        self.written += len(data)

    # --- sessions ------------------------------------------------------------
    def new_session(self, project):
        rng = self.rng
        era = rng.choices(ERAS, weights=[2, 3, 5])[0]
        name, first, days, versions, mains, subs = era
        start = first + timedelta(days=rng.randint(0, days), seconds=rng.randint(0, 86_399),
                                  milliseconds=rng.randint(0, 999))
        return {"id": self.uid(), "era": name, "project": project, "cwd": "/home/dev/" + project[10:],
                "version": rng.choice(versions), "model": rng.choice(mains), "sub_models": subs,
                "parent": None, "slug": "-".join(rng.choices(WORDS[:20], k=3)), "lines": [],
                "fast": name == "new" and rng.random() < 0.08, "start": start, "agents": []}

    def session(self, project, target_bytes):
        rng = self.rng
        s = self.new_session(project)
        at = s["start"]
        noreq = s["era"] == "old" and rng.random() < 0.3
        if s["era"] == "old" and rng.random() < 0.1:
            s["no_session_id"] = True
            self.cases["no_session_id"] += 1
        size = 0
        tool_size = rng.choice([800, 3000, 12_000, 40_000])
        if rng.random() < 0.15:
            s["lines"].append({"type": "summary", "summary": self.prose(10, 80), "leafUuid": self.uid()})
            self.cases["line_summary"] += 1
        while size < target_bytes:
            self.user(s, at, tool_size)
            at += timedelta(seconds=rng.randint(1, 30))
            model = s["model"] if rng.random() < 0.9 else rng.choice(s["sub_models"])
            lines, at = self.response(s, at, model, request_id=not noreq,
                                      message_id=not (s["era"] == "old" and rng.random() < 0.01))
            size += sum(len(json.dumps(line)) for line in lines) + tool_size
            if rng.random() < 0.1:
                self.other(s, at)
            if rng.random() < 0.06:
                at = self.subagent(s, at, lines[-1])
                self.user(s, at, 500, task_result=True)
            if rng.random() < 0.01:
                self.special(s, at)
        return s

    def subagent(self, s, at, parent_final, flagged=None, replay=None):
        """A Task sub-agent: its requests in the era's layout."""
        rng = self.rng
        layout = {"old": "inline", "mid": "top_level", "new": "subagents"}[s["era"]]
        if flagged is None:
            flagged = layout == "inline" or rng.random() < 0.85
        if replay is None:
            replay = rng.random() < 0.5
        agent = {"id": self.ident("", 8).lower(), "layout": layout, "lines": []}
        sink = s["lines"] if layout == "inline" else agent["lines"]
        if layout == "subagents" and flagged and replay:
            # The sub-agent replays its parent's turn: the kept copy of the
            # parent's response again, another requestId, same timestamp.
            replay = json.loads(json.dumps(parent_final))
            replay["isSidechain"] = True
            replay["requestId"] = self.ident("req_011C", 18)
            replay["message"]["usage"]["cache_read_input_tokens"] += rng.randint(1000, 50_000)
            replay["uuid"] = self.uid()
            sink.append(replay)
            self.cases["subagent_replays"] += 1
        model = rng.choice(s["sub_models"])
        for _ in range(rng.randint(1, 6)):
            prompt = self.base(s, "user", at, side=True)
            prompt["message"] = {"role": "user", "content": self.prose(20, 800)}
            prompt["agentId"] = agent["id"]
            sink.append(prompt)
            lines, at = self.response(s, at, model, side=True, sink=sink)
            for line in lines:
                line["agentId"] = agent["id"]
                if not flagged:
                    # Some layouts' files say nothing: the place says it.
                    del line["isSidechain"]
        self.cases["subagent_" + layout] += 1
        if not flagged:
            self.cases["subagent_unflagged_file"] += 1
        if layout != "inline":
            s["agents"].append(agent)
        return at

    # --- writing a session ---------------------------------------------------
    def dump(self, line):
        if isinstance(line, str):
            return line
        return json.dumps(line, separators=(",", ":"), ensure_ascii=False)

    def save(self, s, cut_last=False, crlf=None):
        folder = self.root / "projects" / s["project"]
        lines = [self.dump(line) for line in s["lines"]]
        if cut_last:
            # Crash: the last line is a new response cut in its middle.
            final, _ = self.response(s, s["start"] + timedelta(days=1), s["model"], sink=[])
            self.truth_undo(final[-1], s["model"])
            text = self.dump(final[-1])
            cut = self.rng.randint(text.index('"usage"') + 8, len(text) - 2)
            lines.append(text[:cut])
            self.skipped += 1
            self.cases["crash_cut_last_line"] += 1
        if crlf is None:
            crlf = self.rng.random() < 0.02
        end = "\r\n" if crlf else "\n"
        if end == "\r\n":
            self.cases["crlf_file"] += 1
        self.write(folder / (s["id"] + ".jsonl"), lines, end=end, cut_last=cut_last)
        for agent in s["agents"]:
            if agent["layout"] == "subagents":
                path = folder / s["id"] / "subagents" / ("agent-" + agent["id"] + ".jsonl")
            else:
                path = folder / ("agent-" + agent["id"] + ".jsonl")
            self.write(path, [self.dump(line) for line in agent["lines"]])

    def resume(self, old, keep_id=None):
        """A resumed session: the old history copied into a new file."""
        rng = self.rng
        s = dict(old)
        s["id"], s["agents"], s["lines"] = self.uid(), [], []
        # Sessions with replays keep the old sessionId on the copies, so the
        # parent's kept copy stays in the replay's session whichever file
        # sorts first (the duplicate rules compare with the kept copy).
        if keep_id is None:
            keep_id = old["era"] == "new" or rng.random() < 0.5
        # Copy whole turns: cut before a user line (or at the end), never
        # between a response's streaming lines.
        cuts = [i for i, line in enumerate(old["lines"]) if isinstance(line, dict) and line.get("type") == "user"]
        cut = rng.choice(cuts[1:] + [len(old["lines"])])
        for line in old["lines"][:cut]:
            if isinstance(line, str) or id(line) in self.unusable_lines:
                continue
            copy = json.loads(json.dumps(line))
            moved = "sessionId" not in copy or not keep_id
            if "sessionId" in copy and not keep_id:
                copy["sessionId"] = s["id"]
            if copy.get("type") == "assistant" and "message" in copy:
                self.copied(copy, moved)
            s["lines"].append(copy)
        self.cases["resumed_keep_session_id" if keep_id else "resumed_new_session_id"] += 1
        at = old["start"] + timedelta(hours=rng.randint(1, 48))
        s["start"] = at
        for _ in range(rng.randint(1, 8)):
            self.user(s, at, 2000)
            lines, at = self.response(s, at, s["model"])
        return s

    def copied(self, line, moved):
        """A copied line: without message.id it is another request; moved
        to another session without requestId, too (its final streaming
        line counted)."""
        m = line["message"]
        if m.get("model") in (None, "<synthetic>"):
            return
        if not m.get("id"):
            self.count_line(line, m["model"])
            self.cases["no_message_id_copied"] += 1
        elif moved and "requestId" not in line and m.get("stop_reason") == "end_turn":
            self.count_line(line, m["model"])
            self.cases["noreq_copied_to_new_session"] += 1

    def binary(self, project):
        data = bytes(self.rng.choice([b for b in range(256) if b not in (ord("{"), 10)]) for _ in range(4000))
        lines = data.split(b"\n")
        path = self.root / "projects" / project / (self.uid() + ".jsonl")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.written += len(data)
        self.skipped += 1  # no newline in it: one line, not an object
        self.cases["binary_file"] += 1

    def generate(self):
        rng = self.rng
        projects = ["-home-dev-" + name for name in rng.sample(
            ["api", "web", "billing", "infra", "mobile", "docs", "search", "auth"], k=rng.randint(3, 6))]
        big = min(40 * 1024 * 1024, max(self.target // 8, 200_000))
        self.binary(projects[0])
        specials = 0
        while self.written < self.target:
            project = rng.choice(projects)
            target = big if rng.random() < 0.03 else int(rng.paretovariate(1.3) * 25_000)
            s = self.session(project, min(target, big))
            if specials < 1 or rng.random() < 0.1:
                # Every kind of unusable line, a few times a tree.
                for kind in self.UNUSABLE if specials < 1 else rng.sample(self.UNUSABLE, 3):
                    s["lines"].append(self.unusable(s, s["start"], kind))
                for _ in range(2):
                    self.special(s, s["start"])
                specials += 1
            self.save(s, cut_last=rng.random() < 0.05)
            if rng.random() < 0.12:
                self.save(self.resume(s))
        self.guaranteed(projects[-1])

    def guaranteed(self, project):
        """Every case at least once per tree, whatever the draws: each
        era's sub-agent layout (flagged, and by place only), a replay, an
        old session without sessionId or requestId written with CRLF, a
        response without message.id, a cut last line, and that session
        resumed under a new sessionId."""
        for era in ERAS:
            for flagged in (True, False):
                s = self.new_session(project)
                s["era"], s["version"], s["model"], s["sub_models"] = era[0], era[3][0], era[4][0], era[5]
                s["fast"] = era[0] == "new" and flagged
                s["start"] = era[1]
                at = s["start"]
                self.user(s, at, 500)
                lines, at = self.response(s, at, s["model"])
                self.subagent(s, at, lines[-1], flagged=flagged or era[0] == "old", replay=True)
                self.save(s)
        s = self.new_session(project)
        s.update(era="old", version="1.0.17", model=ERAS[0][4][0], sub_models=ERAS[0][5], start=ERAS[0][1],
                 no_session_id=True)
        self.cases["no_session_id"] += 1
        at = s["start"]
        for message_id in (True, False, True):
            self.user(s, at, 500)
            lines, at = self.response(s, at, s["model"], request_id=False, message_id=message_id)
        self.special(s, at, "synthetic")
        self.special(s, at, "no_model")
        self.save(s, cut_last=True, crlf=True)
        self.cases["crlf_file"] += 1
        self.save(self.resume(s, keep_id=False))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--manifest", type=Path)
    args = parser.parse_args()
    tree = Tree(args.dir, args.seed, args.mb)
    tree.generate()
    if args.manifest:
        manifest = {
            "bytes": tree.written,
            "skipped_lines": tree.skipped,
            "models": {model: dict(sorted(t.items())) for model, t in sorted(tree.truth.items())},
            "cases": dict(sorted(tree.cases.items())),
        }
        args.manifest.write_text(json.dumps(manifest, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
