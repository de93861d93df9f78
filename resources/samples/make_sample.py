#!/usr/bin/env python3
"""Writes the bundled sample, resources/samples/service-metrics.csv, and the list of the spikes
planted in it, tests/data/service-metrics-spikes.csv (what the reference rule must flag).

Each series is a daily cycle plus bounded noise, so that no ordinary point is more than about
1.7 standard deviations from the mean, plus a few planted spikes far beyond 2: the reference
rule (zscore, k = 2) flags exactly the spikes. Deterministic: the same files every run.
Run from the repository root: /usr/bin/python3 resources/samples/make_sample.py
"""
import math
import random
from datetime import datetime, timedelta, timezone

START = datetime(2026, 3, 2, 0, 0, tzinfo=timezone.utc)
STEP = timedelta(minutes=1)
POINTS = 4320  # three days a minute apart: enough whole cycles for seasonal detectors

# name: (base, daily amplitude, noise as a fraction of the amplitude, {index: spike offset})
SERIES = {
    "api_latency_ms": (120.0, 30.0, 0.2, {610: 240.0, 1475: 310.0, 2300: 205.0, 3700: 260.0}),
    "cpu_percent": (45.0, 15.0, 0.2, {900: 52.0, 2011: 50.0}),
    "queue_depth": (300.0, 80.0, 0.2, {350: -290.0, 1220: 520.0, 1800: 610.0, 2650: 480.0}),
}
# A few missing points, shown as gaps and never counted as outliers.
MISSING = {"cpu_percent": {1500, 1501, 1502}}


def main():
    rng = random.Random(20260302)
    rows = []
    spikes = []
    for name, (base, amp, noise, planted) in SERIES.items():
        for i in range(POINTS):
            t = START + i * STEP
            phase = 2 * math.pi * i / 1440.0
            value = base + amp * math.sin(phase) + rng.uniform(-noise, noise) * amp
            if i in planted:
                value = base + amp * math.sin(phase) + planted[i]
                spikes.append((name, i, t, value))
            text = "" if i in MISSING.get(name, ()) else f"{value:.3f}"
            rows.append((t, name, text))
    rows.sort(key=lambda r: (r[0], r[1]))
    with open("resources/samples/service-metrics.csv", "w", newline="\n") as out:
        out.write("timestamp,name,value\n")
        for t, name, text in rows:
            out.write(f"{t.strftime('%Y-%m-%dT%H:%M:%SZ')},{name},{text}\n")
    with open("tests/data/service-metrics-spikes.csv", "w", newline="\n") as out:
        out.write("name,index,timestamp,value\n")
        for name, i, t, value in spikes:
            out.write(f"{name},{i},{t.strftime('%Y-%m-%dT%H:%M:%SZ')},{value:.3f}\n")


if __name__ == "__main__":
    main()
