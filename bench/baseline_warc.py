#!/usr/bin/env python3
"""The script a researcher writes for a web archive instead of kcna-parse, with the standard
library only (Python's warcio cannot be installed here: no pip network, no Debian package), so
leaner than warcio: the .warc.gz read as one stream with `gzip` (which reads member after member),
a loop over records (the WARC header lines up to the blank line, Content-Length, the block, the
CRLF CRLF after it), `response` records only, their HTTP status line and Content-Type read from the
block, 2xx HTML ones kept; then, as bench/baseline_html.py does for a saved page, BeautifulSoup
over lxml: the title, the article's paragraphs joined, one dateline expression, one JSON object per
page with the record's address and date.

It undoes no chunked transfer coding or Content-Encoding, follows no revisit, folds no header
lines, notices no damage (a member cut short just ends the loop) and knows no layout, year rule,
teaser list or page holding several stories.

    /usr/bin/python3 bench/baseline_warc.py ARCHIVE.warc.gz... > out.ndjson

Debian's python3-bs4 and python3-lxml give it (run it with /usr/bin/python3, which sees them).
"""
import gzip
import json
import re
import sys

from bs4 import BeautifulSoup

DATELINE = re.compile(r"^\s*([A-Z][\w.'’ -]*?),\s+([A-Z][a-z]+)\.?\s+(\d{1,2})\s+\(KCNA\)\s*(?:--|—|–)\s*")
BODY_CLASSES = ["content-wrapper", "article-content", "ArticleContent"]


def parse(html, uri, date):
    soup = BeautifulSoup(html, "lxml")
    title = soup.title.get_text(strip=True) if soup.title else None
    body = soup.find(class_=BODY_CLASSES) or soup.body or soup
    paragraphs = [p.get_text(" ", strip=True) for p in body.find_all("p")] or [body.get_text(" ", strip=True)]
    paragraphs = [p for p in paragraphs if p]
    record = {"uri": uri, "date": date, "title": title, "place": None, "month": None, "day": None, "paragraphs": paragraphs}
    if paragraphs:
        m = DATELINE.match(paragraphs[0])
        if m:
            record.update(place=m.group(1), month=m.group(2), day=int(m.group(3)))
            paragraphs[0] = paragraphs[0][m.end():]
    return record


def records(path):
    """(WARC headers, block) of each record; a .warc.gz is read as one stream, a .warc as it is."""
    with open(path, "rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    with (gzip.open(path, "rb") if gzipped else open(path, "rb")) as f:
        while True:
            line = f.readline()
            if not line:
                return
            if line in (b"\r\n", b"\n"):
                continue
            if not line.startswith(b"WARC/"):
                raise ValueError(f"{path}: not a WARC record at {line[:40]!r}")
            headers = {}
            for line in iter(f.readline, b""):
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("utf-8", "replace").partition(":")
                headers[name.strip().lower()] = value.strip()
            block = f.read(int(headers.get("content-length", "0")))
            f.read(4)  # CRLF CRLF
            yield headers, block


def pages(path):
    """(address, date, HTML bytes) of each 2xx HTML response."""
    for headers, block in records(path):
        if headers.get("warc-type") != "response" or not headers.get("content-type", "").startswith("application/http"):
            continue
        head, _, body = block.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = lines[0].split(" ", 2)
        if len(status) < 2 or not status[1].isdigit() or not 200 <= int(status[1]) < 300:
            continue
        content_type = ""
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-type":
                content_type = value.strip().lower()
        if "html" not in content_type:
            continue
        yield headers.get("warc-target-uri"), headers.get("warc-date"), body


def main(paths):
    out = sys.stdout
    for path in paths:
        for uri, date, html in pages(path):
            out.write(json.dumps(parse(html, uri, date), ensure_ascii=False))
            out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
