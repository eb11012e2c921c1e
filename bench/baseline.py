#!/usr/bin/env python3
"""The script a researcher writes instead of kcna-parse: walk the archive, split each dump with two
regular expressions (the dateline and the date line) and print one JSON object per file.

It does much less than kcna-parse (no schema, no hashes, no line accounting, no warnings), which is
the point: it is the bar that a purpose-built tool has to clear comfortably.

    python3 bench/baseline.py DIR... > out.ndjson
"""
import json
import os
import re
import sys

DATELINE = re.compile(r"^\s*([A-Z][\w.'’ -]*?),\s+([A-Z][a-z]+)\.?\s+(\d{1,2})\s+\(KCNA\)\s*(?:--|—|–)\s*(.*)$")
DATE_LINE = re.compile(r"^\s*([A-Z][a-z]+)\.?\s+(\d{1,2}),\s*(\d{4})\s*$")
MONTHS = {name: i + 1 for i, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def month_number(name):
    return MONTHS.get(name[:3].lower())


def parse(text):
    lines = [line.strip() for line in text.splitlines()]
    start = next((i for i, line in enumerate(lines) if DATELINE.match(line)), None)
    if start is None:
        return None
    place, month, day, first = DATELINE.match(lines[start]).groups()
    record = {"place": place, "month": month_number(month), "day": int(day), "paragraphs": [], "teasers": []}

    i = start
    body = first
    while i < len(lines):
        if body.startswith("More From"):
            break
        if body:
            done = body.endswith("-0-")
            record["paragraphs"].append(body[:-3].rstrip() if done else body)
            if done:
                i += 1
                break
        i += 1
        body = lines[i] if i < len(lines) else ""

    # Teasers: a line followed by a date line; the repeat of the text after the date is skipped.
    while i < len(lines) - 1:
        date = DATE_LINE.match(lines[i + 1])
        if lines[i] and date and month_number(date.group(1)):
            y, m, d = int(date.group(3)), month_number(date.group(1)), int(date.group(2))
            record["teasers"].append({"text": lines[i], "date": f"{y:04d}-{m:02d}-{d:02d}"})
            i += 3 if i + 2 < len(lines) and lines[i + 2] == lines[i] else 2
        else:
            i += 1
    return record


def main():
    out = sys.stdout
    for root in sys.argv[1:]:
        paths = []
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            paths.extend(os.path.join(folder, f) for f in files if f.endswith(".txt"))
        for path in sorted(paths):
            with open(path, encoding="utf-8-sig", errors="replace") as f:
                record = parse(f.read())
            if record is None:
                print(f"{path}: not a dispatch", file=sys.stderr)
                continue
            out.write(json.dumps({"path": path, **record}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
