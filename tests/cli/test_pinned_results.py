#!/usr/bin/python3
"""Every method finds exactly the outliers and incidents it found when they were pinned.

Work on memory and speed (how bands are stored, how files are read, how the chart is given its
detections) must not change a single result. This generates one file at run time from integer
arithmetic alone (the same bytes on every machine and Python), runs `outlierctl detect --format
json` with every method at its defaults, and compares each series' outlier indices and incident
spans with tests/cli/pinned_results.json. `outlierctl render` with each method must mark as many
outliers as detect found.

When a change to a detector is meant to change its results, regenerate the pins with --update
and say why in the commit.

/usr/bin/python3 test_pinned_results.py --outlierctl PATH [--update]
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PINS = os.path.join(HERE, "pinned_results.json")
# Every method at its defaults, and the seasonal ones told the cycle (esd infers none here).
RUNS = {m: ["--method", m] for m in ("alarm", "zscore", "mad", "iqr", "rolling", "rolling-mad", "hampel", "esd")}
RUNS["alarm --period 1440"] = ["--method", "alarm", "--period", "1440"]
RUNS["esd --period 1440"] = ["--method", "esd", "--period", "1440"]


def lcg(seed):
    """A 31-bit linear congruential stream, its top 15 bits (the low bits of an LCG repeat
    quickly): no dependence on any library's generator."""
    state = seed
    while True:
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        yield state >> 16


def generate(path, points=4000):
    """Long form, two series one minute apart: a daily cycle (1440 points), noise, spikes, a
    level shift in "db" and a few missing values (gaps, never outliers). Values are written
    with three decimals from integers, so the file is the same bytes everywhere."""
    rand = lcg(18)
    start = 1_714_521_600  # 2024-05-01T00:00:00Z
    lines = ["timestamp,name,value"]
    for i in range(points):
        for k, name in enumerate(("api", "db")):
            # Irwin-Hall noise of 4 uniforms in milli-units, centred, about +-30.
            noise = sum(next(rand) % 31 for _ in range(4)) - 60
            cycle = round(100_000 * math.sin(2 * math.pi * (i + 300 * k) / 1440))
            milli = 500_000 + cycle + noise * 500
            if next(rand) % 400 == 0:
                milli += (1 if next(rand) % 2 else -1) * (250_000 + next(rand) % 100_000)
            if name == "db" and 2500 <= i < 2600:
                milli += 180_000
            # At least 500 - 100 - 30 - 350 = 20 units: never negative.
            value = "" if next(rand) % 997 == 0 else "%d.%03d" % divmod(milli, 1000)
            lines.append("%d,%s,%s" % (start + 60 * i, name, value))
    with open(path, "w", newline="") as f:
        f.write("\n".join(lines) + "\n")


def results(outlierctl, csv, run):
    """What detect found with the options of `run`: per series, outlier indices and incident
    index spans."""
    r = subprocess.run([outlierctl, "detect", csv, *RUNS[run], "--format", "json"], capture_output=True, text=True,
                       timeout=120)
    if r.returncode != 0:
        sys.exit(f"detect {run} failed ({r.returncode}): {r.stderr}")
    doc = json.loads(r.stdout)
    found = {}
    for s in doc["series"]:
        found[s["name"]] = {
            "outliers": [o["index"] for o in s["outliers"]],
            "incidents": [[i["start_index"], i["end_index"]] for i in s["incidents"]],
        }
    return found


def rendered_outliers(outlierctl, csv, run, folder):
    """The outlier count `outlierctl render` reports for what it drew."""
    png = os.path.join(folder, "chart.png")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([outlierctl, "render", csv, "-o", png, *RUNS[run]], capture_output=True, text=True,
                       timeout=120, env=env)
    m = re.search(r"(\d+) outliers by", r.stderr)
    if r.returncode != 0 or not m or not os.path.getsize(png):
        sys.exit(f"render {run} failed ({r.returncode}): {r.stderr}")
    return int(m.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outlierctl", required=True)
    parser.add_argument("--update", action="store_true", help="rewrite the pins from this build")
    args = parser.parse_args()

    failures = []
    with tempfile.TemporaryDirectory(prefix="od-pinned-") as tmp:
        csv = os.path.join(tmp, "pinned.csv")
        generate(csv)
        now = {run: results(args.outlierctl, csv, run) for run in RUNS}
        # render takes --method and --threshold only: the runs at defaults.
        for method in (run for run in RUNS if len(RUNS[run]) == 2):
            total = sum(len(s["outliers"]) for s in now[method].values())
            drawn = rendered_outliers(args.outlierctl, csv, method, tmp)
            if drawn != total:
                failures.append(f"{method}: render marked {drawn} outliers, detect found {total}")

    if args.update:
        with open(PINS, "w") as f:
            json.dump(now, f, indent=None, separators=(",", ":"), sort_keys=True)
            f.write("\n")
        counts = {m: sum(len(s["outliers"]) for s in now[m].values()) for m in RUNS}
        print("pinned outliers: " + ", ".join(f"{m} {n}" for m, n in counts.items()))
    else:
        with open(PINS) as f:
            pinned = json.load(f)
        if sorted(pinned) != sorted(RUNS):
            failures.append(f"pinned runs {sorted(pinned)}, this test runs {sorted(RUNS)}: --update")
        for method in RUNS:
            for name, want in pinned.get(method, {}).items():
                got = now[method].get(name)
                if got is None:
                    failures.append(f"{method}: series {name} missing")
                    continue
                for what in ("outliers", "incidents"):
                    if got[what] != want[what]:
                        extra = sorted(set(map(str, got[what])) - set(map(str, want[what])))[:5]
                        lost = sorted(set(map(str, want[what])) - set(map(str, got[what])))[:5]
                        failures.append(f"{method}, series {name}: {what} differ ({len(got[what])} now, "
                                        f"{len(want[what])} pinned; new {extra}, gone {lost})")
    for f in failures:
        print("FAIL", f)
    if failures:
        sys.exit(1)
    if not args.update:
        print(f"{len(RUNS)} runs: the pinned outliers and incidents; render marks what detect finds")


if __name__ == "__main__":
    main()
