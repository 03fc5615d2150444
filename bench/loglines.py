"""Claude Code log lines for bench/loggen.py: the eras, the text pool, and
one builder per kind of line (assistant responses streamed a line per
content block, user and other lines, the lines the rules skip), each
kept in the generator's own count of what the rules must find.
"""

import json
import random
import string
import uuid
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

ALNUM = string.ascii_letters + string.digits

# (era, first day, last day, versions, main models, sub-agent models)
ERAS = [
    ("old", datetime(2025, 5, 20, tzinfo=timezone.utc), 70,
     ["1.0.17", "1.0.31", "1.0.44", "1.0.51"],
     ["claude-sonnet-4-20250514", "claude-opus-4-20250514"],
     ["claude-3-5-haiku-20241022", "claude-sonnet-4-20250514"]),
    ("mid", datetime(2025, 8, 5, tzinfo=timezone.utc), 80,
     ["1.0.88", "1.0.113", "2.0.14", "2.0.22"],
     ["claude-opus-4-1-20250805", "claude-sonnet-4-5-20250929"],
     ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"]),
    ("new", datetime(2025, 11, 1, tzinfo=timezone.utc), 140,
     ["2.0.55", "2.0.76", "2.1.3", "2.1.19"],
     ["claude-opus-4-5-20251101", "claude-sonnet-4-5-20250929", "claude-opus-4-6"],
     ["claude-haiku-4-5-20251001", "claude-sonnet-4-5-20250929"]),
]

WORDS = ("the of and to in is for on that with this it as be are from by an "
         "function return value error test file line config build cache token "
         "request session agent model review change merge revert profile cost "
         "struct impl fn let mut match Some None Ok Err async await handler "
         "\u00e9t\u00e9 na\u00efve \u4ee3\u7801 \u6d4b\u8bd5 caf\u00e9").split()


class Lines:
    """The line builders and the generator's count; `Tree` adds files."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.cases = Counter()
        # The rules' count, kept as lines are written.
        self.truth = defaultdict(lambda: Counter())
        self.skipped = 0
        # Unusable lines by id(), each kept alive so that no other line
        # ever gets its id.
        self.unusable_lines = {}
        pool = self.rng.choices(WORDS, k=400_000)
        for _ in range(4000):  # quotes, newlines and escapes for serde
            at = self.rng.randrange(len(pool))
            pool[at] += self.rng.choice(['"', "\n", "\\", "\t", "\u2028"])
        self.text = " ".join(pool)

    # --- small helpers -----------------------------------------------------
    def uid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def ident(self, prefix, n):
        return prefix + "".join(self.rng.choices(ALNUM, k=n))

    def prose(self, lo, hi):
        n = self.rng.randint(lo, hi)
        at = self.rng.randrange(0, len(self.text) - n - 1)
        return self.text[at:at + n]

    @staticmethod
    def stamp(at: datetime, fraction=True):
        if fraction:
            return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"
        return at.strftime("%Y-%m-%dT%H:%M:%SZ")

    def count(self, model, tokens, fast=False):
        t = self.truth[model]
        t["requests"] += 1
        t["fast_requests"] += int(fast)
        for key in ("input_tokens", "output_tokens", "cache_write_tokens", "cache_read_tokens"):
            t[key] += tokens[key]

    # --- lines ---------------------------------------------------------------
    def base(self, s, kind, at, side=False):
        line = {"parentUuid": s["parent"], "isSidechain": side, "userType": "external",
                "cwd": s["cwd"], "sessionId": s["id"], "version": s["version"],
                "gitBranch": "main"}
        if s.get("no_session_id"):
            del line["sessionId"]  # the file's session stands in
        if s["era"] != "old":
            line["slug"] = s["slug"]
        line["type"] = kind
        line["uuid"] = self.uid()
        line["timestamp"] = self.stamp(at, fraction=self.rng.random() > 0.02)
        s["parent"] = line["uuid"]
        return line

    def usage(self, s, model):
        rng = self.rng
        cache_read = rng.choice([0, rng.randint(2_000, 60_000), rng.randint(20_000, 160_000)])
        if rng.random() < 0.01:
            cache_read = rng.randint(200_001, 600_000)  # long prompts
        write = rng.choice([0, 0, rng.randint(100, 20_000)])
        u = {"input_tokens": rng.randint(1, 12) if s["era"] != "old" else rng.randint(3, 4000),
             "cache_creation_input_tokens": write, "cache_read_input_tokens": cache_read}
        if s["era"] != "old":
            one_hour = write if rng.random() < 0.4 else (write // 3 if rng.random() < 0.3 else 0)
            u["cache_creation"] = {"ephemeral_5m_input_tokens": write - one_hour,
                                   "ephemeral_1h_input_tokens": one_hour}
            if one_hour:
                self.cases["cache_write_1h"] += 1
            if write - one_hour:
                self.cases["cache_write_5m"] += 1
        u["output_tokens"] = rng.randint(2, 3000)
        u["service_tier"] = "standard"
        if s["era"] == "new":
            u["speed"] = "fast" if s["fast"] else "standard"
            self.cases["speed_fast" if s["fast"] else "speed_standard"] += 1
        return u

    def blocks(self):
        rng = self.rng
        kinds = rng.choices(["thinking", "text", "tool_use"], weights=[2, 4, 5], k=rng.randint(1, 4))
        out = []
        for kind in kinds:
            if kind == "thinking":
                out.append({"type": "thinking", "thinking": self.prose(50, 1500), "signature": self.ident("", 80)})
            elif kind == "text":
                out.append({"type": "text", "text": self.prose(20, 2000)})
            else:
                big = rng.random() < 0.05
                out.append({"type": "tool_use", "id": self.ident("toolu_01", 22),
                            "name": rng.choice(["Read", "Edit", "Bash", "Write", "Grep"]),
                            "input": {"file_path": "/home/dev/src/lib.rs",
                                      "content": self.prose(1000, 40_000) if big else self.prose(10, 300)}})
        return out

    def response(self, s, at, model, side=False, request_id=True, message_id=True, sink=None):
        """One API response: a line per content block (streaming copies).
        Returns (lines, final line, time after)."""
        rng = self.rng
        sink = s["lines"] if sink is None else sink
        usage = self.usage(s, model)
        msg_id = self.ident("msg_01", 24) if message_id else None
        req_id = self.ident("req_011C", 18) if request_id else None
        content = self.blocks()
        lines = []
        for i, block in enumerate(content):
            last = i == len(content) - 1
            u = dict(usage)
            if not last:
                u["output_tokens"] = rng.randint(1, usage["output_tokens"] - 1)
            message = {"model": model}
            if msg_id:
                message["id"] = msg_id
            message.update({"type": "message", "role": "assistant", "content": [block],
                            "stop_reason": None if not last else "end_turn",
                            "stop_sequence": None, "usage": u})
            line = self.base(s, "assistant", at, side)
            line["message"] = message
            if req_id:
                line["requestId"] = req_id
            if s["era"] == "old" and rng.random() < 0.3:
                line["costUSD"] = round(rng.random() / 10, 6)
            # keys in Claude Code's order: message and requestId before type
            ordered = {k: v for k, v in line.items() if k not in ("type", "uuid", "timestamp")}
            ordered.update({"type": "assistant", "uuid": line["uuid"], "timestamp": line["timestamp"]})
            sink.append(ordered)
            lines.append(ordered)
            if not last:
                self.cases["streaming_copies"] += 1
                at += timedelta(milliseconds=rng.randint(30, 4000))
        if not msg_id:
            self.cases["no_message_id"] += len(lines)
            for line in lines:
                self.count_line(line, model)
        else:
            self.count_line(lines[-1], model)
        if not req_id:
            self.cases["no_request_id"] += 1
        return lines, at + timedelta(seconds=rng.randint(1, 40))

    def count_line(self, line, model):
        u = line["message"]["usage"]
        write = (u["cache_creation"]["ephemeral_5m_input_tokens"] + u["cache_creation"]["ephemeral_1h_input_tokens"]
                 if "cache_creation" in u else u["cache_creation_input_tokens"])
        self.count(model, {"input_tokens": u["input_tokens"], "output_tokens": u["output_tokens"],
                           "cache_write_tokens": write, "cache_read_tokens": u["cache_read_input_tokens"]},
                   fast=u.get("speed") == "fast")

    def user(self, s, at, size, task_result=False):
        rng = self.rng
        line = self.base(s, "user", at)
        if rng.random() < 0.3:
            line["message"] = {"role": "user", "content": self.prose(10, 600)}
        else:
            line["message"] = {"role": "user", "content": [
                {"tool_use_id": self.ident("toolu_01", 22), "type": "tool_result",
                 "content": self.prose(size // 2, size)}]}
        if task_result:
            # A Task tool's result carries a usage object outside message:
            # the reader must pass it by silently.
            line["toolUseResult"] = {"status": "completed", "totalDurationMs": 5123,
                                     "totalTokens": 4000,
                                     "usage": {"input_tokens": 5, "output_tokens": 900,
                                               "cache_read_input_tokens": 3000}}
            self.cases["task_result_with_usage"] += 1
        s["lines"].append(line)

    def other(self, s, at):
        rng = self.rng
        kind = rng.choice(["system", "progress", "file-history-snapshot"])
        if kind == "system":
            line = self.base(s, "system", at)
            line.update({"subtype": "local_command", "content": self.prose(5, 200), "level": "info"})
        elif kind == "progress":
            line = self.base(s, "progress", at)
            line["data"] = {"type": "hook_progress", "hookName": "PostToolUse"}
        else:
            line = {"type": "file-history-snapshot", "messageId": self.uid(),
                    "snapshot": {"trackedFileBackups": {}, "timestamp": self.stamp(at)},
                    "isSnapshotUpdate": False}
        self.cases["line_" + kind] += 1
        s["lines"].append(line)

    # --- lines the rules do not count -------------------------------------------
    def special(self, s, at, kind=None):
        """Lines the rules do not count: <synthetic>, model-less, unusable."""
        rng = self.rng
        kind = kind or rng.choice(["synthetic", "no_model", "unusable"])
        line = self.base(s, "assistant", at)
        zero = {"input_tokens": 0, "output_tokens": 0, "cache_creation_input_tokens": 0,
                "cache_read_input_tokens": 0}
        if kind == "synthetic":
            line["message"] = {"id": self.uid(), "model": "<synthetic>", "role": "assistant",
                               "content": [{"type": "text", "text": "No response requested."}],
                               "usage": zero}
            self.cases["synthetic"] += 1
            s["lines"].append(line)
            return
        if kind == "no_model":
            line["message"] = {"id": self.ident("msg_01", 24), "role": "assistant", "content": [], "usage": zero}
            self.cases["no_model"] += 1
            s["lines"].append(line)
            return
        s["lines"].append(self.unusable(s, at))

    UNUSABLE = ["not_json", "missing_output", "null_input", "string_tokens", "float_tokens",
                "negative_tokens", "huge_tokens", "null_cache_read", "null_session", "null_request",
                "null_message_id", "null_model", "null_speed", "null_version", "null_cost", "null_sidechain",
                "sidechain_string", "cost_string", "bad_timestamp", "unreal_date", "no_zone", "bad_version",
                "bad_speed", "empty_message_id", "empty_request", "empty_session", "empty_model",
                "null_ephemeral", "usage_null", "missing_timestamp"]

    def unusable(self, s, at, kind=None):
        """A usage line the rules skip and count, with real tokens (were
        it counted, the totals would show it)."""
        rng = self.rng
        kind = kind or rng.choice(self.UNUSABLE)
        model = s["model"]
        lines, _ = self.response(s, at, model, sink=[])
        self.truth_undo(lines[-1], model)
        line = lines[-1]
        u, m = line["message"]["usage"], line["message"]
        edits = {
            "missing_output": lambda: u.pop("output_tokens"),
            "null_input": lambda: u.update(input_tokens=None),
            "string_tokens": lambda: u.update(output_tokens=str(u["output_tokens"])),
            "float_tokens": lambda: u.update(output_tokens=float(u["output_tokens"])),
            "negative_tokens": lambda: u.update(input_tokens=-5),
            "huge_tokens": lambda: u.update(cache_read_input_tokens=2 ** 64 + 7),
            "null_cache_read": lambda: u.update(cache_read_input_tokens=None),
            "null_session": lambda: line.update(sessionId=None),
            "null_request": lambda: line.update(requestId=None),
            "null_message_id": lambda: m.update(id=None),
            "null_model": lambda: m.update(model=None),
            "null_speed": lambda: u.update(speed=None),
            "null_version": lambda: line.update(version=None),
            "null_cost": lambda: line.update(costUSD=None),
            "null_sidechain": lambda: self.zero(u) or line.update(isSidechain=None),
            "sidechain_string": lambda: line.update(isSidechain="false"),
            "cost_string": lambda: line.update(costUSD="0.25"),
            "bad_timestamp": lambda: line.update(timestamp=line["timestamp"].replace("T", " ")),
            "unreal_date": lambda: line.update(timestamp="2025-02-30" + line["timestamp"][10:]),
            "no_zone": lambda: line.update(timestamp=line["timestamp"].rstrip("Z")),
            "bad_version": lambda: line.update(version="dev"),
            "bad_speed": lambda: u.update(speed="turbo"),
            "empty_message_id": lambda: m.update(id=""),
            "empty_request": lambda: line.update(requestId=""),
            "empty_session": lambda: line.update(sessionId=""),
            "empty_model": lambda: m.update(model=""),
            "null_ephemeral": lambda: u.update(cache_creation={"ephemeral_5m_input_tokens": None,
                                                               "ephemeral_1h_input_tokens": 10}),
            "usage_null": lambda: m.update(usage=None),
            "missing_timestamp": lambda: line.pop("timestamp"),
        }
        self.cases["unusable_" + kind] += 1
        self.skipped += 1
        if kind == "not_json":
            return json.dumps(line, separators=(",", ":"), ensure_ascii=False)[:-1] + ",,}"
        edits[kind]()
        self.unusable_lines[id(line)] = line
        return line

    @staticmethod
    def zero(usage):
        # isSidechain null is skipped by the rules and counted by
        # ccusage: with zero tokens both totals agree.
        for key in ("input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"):
            usage[key] = 0
        usage.pop("cache_creation", None)

    def truth_undo(self, line, model):
        u = line["message"]["usage"]
        write = (u["cache_creation"]["ephemeral_5m_input_tokens"] + u["cache_creation"]["ephemeral_1h_input_tokens"]
                 if "cache_creation" in u else u["cache_creation_input_tokens"])
        t = self.truth[model]
        t["requests"] -= 1
        t["fast_requests"] -= int(u.get("speed") == "fast")
        t["input_tokens"] -= u["input_tokens"]
        t["output_tokens"] -= u["output_tokens"]
        t["cache_write_tokens"] -= write
        t["cache_read_tokens"] -= u["cache_read_input_tokens"]
