#!/usr/bin/env python3
"""A generated clinic history for POST /v1/import/administrations: LINES lines in files of at most 5,000.
Each client has one episode (an episodeKey; 70 % closed) of weekly sessions, each with a PHQ-9, a GAD-7 and a WHO-5,
scores falling with noise, item 9 sometimes above 0. Deterministic (seeded). Usage: import-history.py LINES OUTDIR [PREFIX]"""
import json, os, random, sys
from datetime import datetime, timedelta, timezone

lines_wanted, out = int(sys.argv[1]), sys.argv[2]
prefix = sys.argv[3] if len(sys.argv) > 3 else "h"
rng = random.Random(16)
os.makedirs(out, exist_ok=True)
start = datetime(2024, 1, 8, 9, 0, tzinfo=timezone.utc)
lines, client = [], 0
while len(lines) < lines_wanted:
    sessions = rng.randint(2, 8)
    first = start + timedelta(days=rng.randint(0, 500), minutes=rng.randint(0, 600))
    closed = rng.random() < 0.7
    closed_at = (first + timedelta(weeks=sessions, days=1)).isoformat().replace("+00:00", "Z") if closed else None
    severity = rng.randint(8, 24)
    for s in range(sessions):
        at = first + timedelta(weeks=s)
        level = max(0, severity - s * rng.randint(0, 3) + rng.randint(-2, 2))
        phq = [min(3, max(0, level // 9 + rng.randint(-1, 1))) for _ in range(8)] + [1 if rng.random() < 0.03 else 0]
        gad = [min(3, max(0, level // 9 + rng.randint(-1, 1))) for _ in range(7)]
        who = [min(5, max(0, 5 - level // 6 + rng.randint(-1, 1))) for _ in range(5)]
        for k, (instrument, items) in enumerate((("PHQ-9", phq), ("GAD-7", gad), ("WHO-5", who))):
            line = {"lineId": f"{prefix}-{len(lines):07d}", "clientId": f"{prefix}-c{client:06d}", "episodeKey": "e1",
                    "instrument": instrument, "administeredAt": (at + timedelta(minutes=k)).isoformat().replace("+00:00", "Z"),
                    "sessionNumber": s + 1, "clinicianId": f"clin-{client % 40}", "items": items}
            if closed_at: line["episodeClosedAt"] = closed_at
            lines.append(line)
    client += 1
lines = lines[:lines_wanted]
for n in range(0, len(lines), 5000):
    with open(os.path.join(out, f"part-{n // 5000:03d}.ndjson"), "w") as f:
        f.writelines(json.dumps(l, separators=(",", ":")) + "\n" for l in lines[n:n + 5000])
print(f"{len(lines)} lines, {client} clients, {(len(lines) + 4999) // 5000} files")
