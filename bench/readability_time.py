#!/usr/bin/env python3
"""Per-page time of readability-lxml (Debian's python3-readability), the fastest of the generic
article extractors measured by the issue that asked for the HTML reader: Document(html).summary()
and .short_title() on each page, in one process, after a warm-up pass. Prints the median and the
mean in milliseconds as JSON.

    /usr/bin/python3 bench/readability_time.py DIR [LIMIT]
"""
import json
import os
import sys
import time

from readability import Document


def pages(root, limit):
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith((".html", ".htm", ".kcmsf", ".xhtml")):
                found.append(os.path.join(folder, name))
                if len(found) >= limit:
                    return found
    return found


def main(root, limit):
    texts = []
    for path in pages(root, limit):
        with open(path, "rb") as f:
            texts.append(f.read().decode("utf-8", "replace"))
    for text in texts[: min(len(texts), 200)]:
        Document(text).summary()
    times = []
    for text in texts:
        start = time.perf_counter()
        document = Document(text)
        document.summary()
        document.short_title()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(json.dumps({"pages": len(times), "median_ms": times[len(times) // 2], "mean_ms": sum(times) / len(times)}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2000)
