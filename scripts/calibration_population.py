"""A seeded, realistic population of PHQ-9 episodes, sent over HTTP to a running Feedback, closed, and read back through
the signal calibration report (clinical.md section 12). Used by scripts/calibration-population.sh; standard library only.

Each client: an intake drawn around a moderate PHQ-9 (mean 15, SD 4.5, 5-27), then weekly sessions on one of five
courses, with answer noise (SD 1.8 points): responders (45%: an exponential approach to about a third of the intake),
slow responders (20%: 0.4 points a session), non-responders (25%: flat), deteriorators (10%: +0.4 a session, at most +7).
85% stay 4-14 sessions, 15% leave after 2-3 (outside the calibration sample, as section 12 warns). 5% of
administrations answer the self-harm item 1. Proportions follow the usual shape of routine outcome data (about half
reliably improved, a minority deteriorating); they are a design for testing, not an estimate of any service.
"""
import json
import math
import random
import sys
import urllib.request
from datetime import datetime, timedelta, timezone

base, key, clients, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
start = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"X-Api-Key": key, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as rsp:
        text = rsp.read()
        return json.loads(text) if text else None


def items_for(total, self_harm):
    """PHQ-9 answers (0-3) adding up to total; item 9 is 1 when self_harm (and the total allows it)."""
    item9 = 1 if self_harm and total >= 1 else 0
    rest = total - item9
    answers = [0] * 8
    order = list(range(8))
    rng.shuffle(order)
    for k in range(rest):
        for i in order[k % 8:] + order[:k % 8]:
            if answers[i] < 3:
                answers[i] += 1
                break
    return answers + [item9]


def course(kind, intake, t):
    if kind == "responder":
        target = max(2.0, intake * 0.35)
        return target + (intake - target) * math.exp(-(t - 1) / course.tau)
    if kind == "slow":
        return intake - 0.4 * (t - 1)
    if kind == "deteriorator":
        return intake + min(7.0, 0.4 * (t - 1))
    return float(intake)


kinds = ["responder"] * 45 + ["slow"] * 20 + ["flat"] * 25 + ["deteriorator"] * 10
posted = 0
for c in range(clients):
    client = f"pop-{seed}-{c:04d}"
    kind = rng.choice(kinds)
    course.tau = rng.uniform(2, 6)
    intake = min(27, max(5, round(rng.gauss(15, 4.5))))
    sessions = rng.randint(2, 3) if rng.random() < 0.15 else rng.randint(4, 14)
    first = start + timedelta(days=rng.randint(0, 200))
    episode = None
    for t in range(1, sessions + 1):
        expected = course(kind, intake, t) if t > 1 else intake
        total = min(27, max(0, round(expected + (rng.gauss(0, 1.8) if t > 1 else 0))))
        body = {"instrument": "PHQ-9", "administeredAt": (first + timedelta(days=7 * (t - 1))).isoformat().replace("+00:00", "Z"),
                "sessionNumber": t, "clinicianId": f"clin-{c % 12:02d}", "items": items_for(total, rng.random() < 0.05)}
        answer = call("POST", f"/v1/clients/{client}/administrations", body)
        episode = answer["episodeId"]
        posted += 1
    call("POST", f"/v1/clients/{client}/episodes/{episode}/close")
print(f"posted {posted} administrations for {clients} clients (seed {seed})", file=sys.stderr)
