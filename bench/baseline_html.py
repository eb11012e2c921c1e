#!/usr/bin/env python3
"""The script a researcher writes for saved pages instead of kcna-parse: BeautifulSoup over lxml,
one find for the article's body, its paragraphs joined, one dateline expression, one JSON object
per page. It knows no layout, no year rule, no teaser list, no page holding several stories, and
reads the text only (no charset sniffing beyond what BeautifulSoup guesses).

    /usr/bin/python3 bench/baseline_html.py DIR... > out.ndjson

Debian's python3-bs4 and python3-lxml give it (run it with /usr/bin/python3, which sees them).
"""
import json
import os
import re
import sys

from bs4 import BeautifulSoup

DATELINE = re.compile(r"^\s*([A-Z][\w.'’ -]*?),\s+([A-Z][a-z]+)\.?\s+(\d{1,2})\s+\(KCNA\)\s*(?:--|—|–)\s*")
BODY_CLASSES = ["content-wrapper", "article-content", "ArticleContent"]


def parse(path):
    with open(path, "rb") as f:
        soup = BeautifulSoup(f.read(), "lxml")
    title = soup.title.get_text(strip=True) if soup.title else None
    body = soup.find(class_=BODY_CLASSES) or soup.body or soup
    paragraphs = [p.get_text(" ", strip=True) for p in body.find_all("p")] or [body.get_text(" ", strip=True)]
    paragraphs = [p for p in paragraphs if p]
    record = {"path": path, "title": title, "place": None, "month": None, "day": None, "paragraphs": paragraphs}
    if paragraphs:
        m = DATELINE.match(paragraphs[0])
        if m:
            record.update(place=m.group(1), month=m.group(2), day=int(m.group(3)))
            paragraphs[0] = paragraphs[0][m.end():]
    return record


def walk(root):
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith((".html", ".htm", ".kcmsf", ".xhtml")):
                yield os.path.join(folder, name)


def main(roots):
    out = sys.stdout
    for root in roots:
        for path in walk(root):
            out.write(json.dumps(parse(path), ensure_ascii=False))
            out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
