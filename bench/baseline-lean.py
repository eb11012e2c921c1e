#!/usr/bin/env python3
"""The leanest script a researcher would write: walk, read, split into lines, drop the blank ones
in a list comprehension, find the dateline and the date lines with one regular expression each,
and print one JSON object per file. No Python loop runs per line where a comprehension can.

It does less than bench/baseline.py (no end marker, no teaser repeats) and far less than
kcna-parse; bench/run.mjs reports kcna-parse against the faster of the two.

    python3 bench/baseline-lean.py DIR... > out.ndjson
"""
import json
import os
import re
import sys

DATELINE = re.compile(r"^([A-Z][\w.'’ -]*?),\s+([A-Z][a-z]+)\.?\s+(\d{1,2})\s+\(KCNA\)\s*(?:--|—|–)\s*(.*)$")
DATE_LINE = re.compile(r"^([A-Z][a-z]+)\.?\s+(\d{1,2}),\s*(\d{4})$")


def main():
    out = sys.stdout
    for root in sys.argv[1:]:
        paths = []
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            paths.extend(os.path.join(folder, f) for f in files if f.endswith(".txt"))
        for path in sorted(paths):
            with open(path, encoding="utf-8-sig", errors="replace") as f:
                lines = [s for s in (line.strip() for line in f.read().splitlines()) if s]
            head = next((m for m in map(DATELINE.match, lines) if m), None)
            if head is None:
                print(f"{path}: not a dispatch", file=sys.stderr)
                continue
            dates = [i for i, m in enumerate(map(DATE_LINE.match, lines)) if m]
            record = {
                "path": path,
                "place": head.group(1),
                "month": head.group(2),
                "day": int(head.group(3)),
                "lines": lines,
                "teasers": [{"text": lines[i - 1], "date": lines[i]} for i in dates if i > 0],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
