"""PDF → records with each engine, in one process, over 30 corpus PDFs: 3 alternating rounds, median ratio.

python bench/bench_engines_inprocess.py
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, "src")
from extract.pipeline import extract_bytes

files = sorted(Path("bench/.work/corpus/seed1-w24-y14").rglob("*.pdf"))
random.Random(3).shuffle(files)
files = files[:30]
datas = [f.read_bytes() for f in files]
ratios = []
parts = {"pdfium": [], "pdfplumber": []}
for r in range(3):
    t = {}
    for e in ["pdfium", "pdfplumber"] if r % 2 == 0 else ["pdfplumber", "pdfium"]:
        s = time.perf_counter()
        dec = 0.0
        for d in datas:
            o = extract_bytes(d, "x.pdf", fmt="pdf", pdf_engine=e)
            dec += o.timings.get("decode", 0)
        t[e] = time.perf_counter() - s
        parts[e].append(dec)
    ratios.append(t["pdfplumber"] / t["pdfium"])
    print(r, {k: round(v, 2) for k, v in t.items()}, "decode", {k: round(v[-1], 2) for k, v in parts.items()})
print("median ratio", statistics.median(ratios))
