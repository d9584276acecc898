#!/usr/bin/env python3
"""Build wire gold files from a marked-up source (see README.md here).

Usage: python3 build.py dev2.txt ../dev2

Each item: a line "=== <name>", the text with content spans marked
⟦N|…⟧ and cues ⟨N|…⟩ (N is a statement number or "1,2" for a cue shared
by several statements), a line "---", then one line per statement:
"N|speaker|kind". Offsets are code points, as in the seed's gold files.
"""
import json, os, re, sys

SOURCE = ("briefbot fixture: a diplomatic wire item written by us in the style of "
          "the agency in its dateline; people and events are illustrative.")
TOKEN = re.compile(r"⟦([0-9,]+)\||⟨([0-9,]+)\||⟧|⟩")


def parse(body):
    out, spans, stack = [], {}, []
    pos = 0
    for m in TOKEN.finditer(body):
        out.append(body[pos:m.start()])
        pos = m.end()
        at = sum(len(s) for s in out)
        if m.group(1) or m.group(2):
            stack.append(("content" if m.group(1) else "cue", (m.group(1) or m.group(2)).split(","), at))
        else:
            kind, ids, start = stack.pop()
            if (kind == "content") != (m.group(0) == "⟧"):
                raise ValueError("unbalanced marker near %r" % body[max(0, m.start()-40):m.start()])
            for i in ids:
                if (i, kind) in spans:
                    raise ValueError("duplicate %s %s" % (kind, i))
                spans[(i, kind)] = (start, at)
    out.append(body[pos:])
    if stack:
        raise ValueError("unclosed marker")
    return "".join(out), spans


def build(src, outdir):
    os.makedirs(outdir, exist_ok=True)
    items = re.split(r"^=== ", open(src, encoding="utf-8").read(), flags=re.M)[1:]
    for item in items:
        name, rest = item.split("\n", 1)
        body, meta = rest.rsplit("\n---\n", 1)
        text, spans = parse(body.strip("\n"))
        stmts = []
        for line in meta.strip().splitlines():
            n, speaker, kind = line.split("|")
            s, e = spans[(n, "content")]
            if (n, "cue") not in spans or (n, "content") not in spans:
                raise ValueError("%s: statement %s lacks a cue or content" % (name, n))
            cs, ce = spans[(n, "cue")]
            stmts.append({"speaker": speaker, "kind": kind, "text": text[s:e], "start": s, "end": e,
                          "cue": {"text": text[cs:ce], "start": cs, "end": ce}})
        for (i, kind) in spans:
            if not any(line.split("|")[0] == i for line in meta.strip().splitlines()):
                raise ValueError("%s: span %s without a statement line" % (name, i))
        stmts.sort(key=lambda s: s["start"])
        with open(os.path.join(outdir, name.strip() + ".gold.json"), "w", encoding="utf-8") as f:
            json.dump({"source": SOURCE, "text": text, "statements": stmts}, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(name.strip(), len(stmts))


if __name__ == "__main__":
    build(sys.argv[1], sys.argv[2])
