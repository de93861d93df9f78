#!/usr/bin/python3
"""outlierctl detect against pandas on 10-million-row CSV files of three common layouts.

Generates each file at run time in a temporary directory (nothing big is committed):

  iso-long    timestamp,name,value   ISO times with Z, 4 series a row each   (33 bytes a row)
  iso-wide    timestamp,cpu,...,net  ISO times with Z, 4 value columns       (53 bytes a row)
  epoch-wide  time,cpu,...,net       epoch seconds, 4 value columns          (43 bytes a row)

then, with the file in the page cache, runs --runs times, interleaved, each under /usr/bin/time -v
(wall, CPU and peak resident memory):

  outlierctl detect FILE --method zscore --format json --timings > /dev/null
  /usr/bin/python3 with pandas: read_csv, to_datetime on the time column, and per series the
  numpy rule np.abs(d - d.mean()) > 2 * d.std()

and prints per layout both tools' wall and CPU times, peak memory (also per point: a value of one
series at one time), the ratios, and the reader's own speed (outlierctl's --timings "read"
figures): MB per wall second, and MB per CPU second of all its threads. Last, whether both found
the same outliers per series. A figure printer, not a pass/fail test.

usage: /usr/bin/python3 tests/bench/bench_csv.py [--outlierctl build/bin/outlierctl]
                 [--layout all|iso-long|iso-wide|epoch-wide] [--rows 10000000] [--runs 3]
                 [--no-pandas] [--keep DIR]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

SERIES = (b"cpu", b"mem", b"dsk", b"net")  # the same width: every row of a layout has one size
START = np.datetime64("2024-01-01T00:00:00", "s")
START_EPOCH = 1_704_067_200  # the same instant: ten digits for every row
CHUNK = 250_000

PANDAS_SCRIPT = r"""
import sys
import numpy as np
import pandas as pd

df = pd.read_csv(sys.argv[1])
t = df.columns[0]
df[t] = pd.to_datetime(df[t], unit="s") if sys.argv[2] == "epoch" else pd.to_datetime(df[t])
columns = df.groupby("name", sort=False)["value"] if "name" in df.columns else df.iloc[:, 1:].items()
counts = {}
for name, column in columns:
    d = column.to_numpy()
    counts[name] = int(np.count_nonzero(np.abs(d - d.mean()) > 2 * d.std()))
print(" ".join(f"{k}={v}" for k, v in counts.items()))
"""


def milli_values(first, n, rng):
    """Values of instants first..first+n for the 4 series as milli-units in [100000, 999999]: a
    daily-like sine (one instant a second) with noise and rare spikes."""
    phase = np.arange(len(SERIES)) * 0.7
    x = np.arange(first, first + n)[:, None] * (2 * np.pi / 86_400) + phase[None, :]
    v = 500 + 100 * np.sin(x) + rng.normal(0, 10, (n, len(SERIES)))
    spikes = rng.random((n, len(SERIES))) < 0.0002
    v[spikes] = rng.uniform(950, 999, np.count_nonzero(spikes))
    return np.clip(np.rint(v * 1000), 100_000, 999_999).astype(np.int64)


def put_value(m, at, milli):
    """Writes "ddd.ddd" at byte column `at` of the last axis of m."""
    for col, div in ((0, 100_000), (1, 10_000), (2, 1_000), (4, 100), (5, 10), (6, 1)):
        m[..., at + col] = ord("0") + (milli // div) % 10
    m[..., at + 3] = ord(".")


def iso_stamps(first, n):
    """n ISO times with Z (20 bytes each) from START + first seconds, as an (n, 20) byte matrix."""
    t = START + np.arange(first, first + n).astype("timedelta64[s]")
    return np.char.add(np.datetime_as_string(t, unit="s"), "Z").astype("S20").view(np.uint8).reshape(n, 20)


def epoch_stamps(first, n):
    """n epoch seconds (10 digits each) from START_EPOCH + first, as an (n, 10) byte matrix."""
    t = START_EPOCH + np.arange(first, first + n, dtype=np.int64)
    m = np.empty((n, 10), dtype=np.uint8)
    for col in range(10):
        m[:, col] = ord("0") + (t // 10 ** (9 - col)) % 10
    return m


def long_chunk(first, n, rng):
    m = np.empty((n, len(SERIES), 33), dtype=np.uint8)
    m[:, :, 0:20] = iso_stamps(first, n)[:, None, :]
    m[:, :, 20] = ord(",")
    for k, name in enumerate(SERIES):
        m[:, k, 21:24] = np.frombuffer(name, dtype=np.uint8)
    m[:, :, 24] = ord(",")
    put_value(m, 25, milli_values(first, n, rng))
    m[:, :, 32] = ord("\n")
    return m


def wide_chunk(stamps, first, n, rng):
    width = stamps.shape[1]
    m = np.empty((n, width + 8 * len(SERIES) + 1), dtype=np.uint8)
    m[:, :width] = stamps
    milli = milli_values(first, n, rng)
    for k in range(len(SERIES)):
        m[:, width + 8 * k] = ord(",")
        put_value(m, width + 8 * k + 1, milli[:, k])
    m[:, -1] = ord("\n")
    return m


LAYOUTS = {
    # name: (header, rows per instant, chunk writer, pandas time kind)
    "iso-long": (b"timestamp,name,value\n", len(SERIES), long_chunk, "iso"),
    "iso-wide": (b"timestamp," + b",".join(SERIES) + b"\n", 1,
                 lambda first, n, rng: wide_chunk(iso_stamps(first, n), first, n, rng), "iso"),
    "epoch-wide": (b"time," + b",".join(SERIES) + b"\n", 1,
                   lambda first, n, rng: wide_chunk(epoch_stamps(first, n), first, n, rng), "epoch"),
}


def generate(path, layout, rows, seed=4):
    """Writes `rows` rows of the layout. Built as byte matrices with numpy: seconds, not minutes."""
    header, per_instant, chunk_writer, _ = LAYOUTS[layout]
    rng = np.random.default_rng(seed)
    steps = rows // per_instant
    with open(path, "wb") as out:
        out.write(header)
        for first in range(0, steps, CHUNK):
            out.write(chunk_writer(first, min(CHUNK, steps - first), rng).tobytes())
    return steps * per_instant


def timed(cmd, stdout):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, CPU seconds (user and system), peak
    RSS in MB, stderr text)."""
    began = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - began
    if proc.returncode != 0:
        sys.exit(f"bench_csv: {' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", proc.stderr))
    return wall, cpu, int(peak.group(1)) / 1024 if peak else float("nan"), proc.stderr


def page_in(path):
    """Reads the file once so that every command finds it in the page cache."""
    with open(path, "rb") as f:
        while f.read(16 << 20):
            pass


def reader_figures(stderrs):
    """The best and the median "read" wall, and the best CPU milliseconds of outlierctl's --timings
    lines (CPU only from builds that print it)."""
    walls = [float(m.group(1)) for t in stderrs if (m := re.search(r"timings: read ([\d.]+) ms", t))]
    cpus = [float(m.group(1)) for t in stderrs if (m := re.search(r"CPU read ([\d.]+) ms", t))]
    if not walls:
        return None, None, None
    return min(walls), statistics.median(walls), (min(cpus) if cpus else None)


def bench(layout, args, folder):
    path = os.path.join(folder, f"metrics-{layout}.csv")
    began = time.perf_counter()
    rows = generate(path, layout, args.rows)
    size_mb = os.path.getsize(path) / 1e6
    print(f"\n{layout}: {rows:,} rows, {size_mb:.0f} MB (generated in {time.perf_counter() - began:.1f} s)")
    page_in(path)
    ctl_cmd = [args.outlierctl, "detect", path, "--method", "zscore", "--format", "json", "--timings"]
    pd_cmd = ["/usr/bin/python3", "-c", PANDAS_SCRIPT, path, LAYOUTS[layout][3]]
    ctl, pd = [], []
    with open(os.devnull, "w") as devnull:
        # Interleaved, so that a burst of load elsewhere on the machine falls on both tools.
        for _ in range(args.runs):
            ctl.append(timed(ctl_cmd, devnull))
            if not args.no_pandas:
                pd.append(timed(pd_cmd, devnull))

    # Points: one per value; a wide row holds one per series, a long-form row one.
    points = rows * (len(SERIES) if LAYOUTS[layout][1] == 1 else 1)

    def line(label, runs):
        walls = [r[0] for r in runs]
        peak = statistics.median(r[2] for r in runs)
        print(f"  {label:18} wall {min(walls):6.2f} s min, {statistics.median(walls):6.2f} s median; "
              f"CPU {min(r[1] for r in runs):6.2f} s min; peak {peak:6.0f} MB, "
              f"{peak * 1024 * 1024 / points:.1f} bytes a point")

    line("outlierctl detect", ctl)
    read_wall, read_median, read_cpu = reader_figures([r[3] for r in ctl])
    if read_wall:
        print(f"  reader alone:      {read_wall / 1000:6.2f} s, {size_mb / (read_wall / 1000):5.0f} MB/s wall at best, "
              f"{size_mb / (read_median / 1000):.0f} MB/s median", end="")
        print(f"; {read_cpu / 1000:.2f} s CPU, {size_mb / (read_cpu / 1000):.0f} MB per CPU-second" if read_cpu else "")
    if not pd:
        return
    line("pandas + numpy", pd)
    print(f"  ratio (pandas / outlierctl): {min(r[0] for r in pd) / min(r[0] for r in ctl):.1f}x the wall time, "
          f"{min(r[1] for r in pd) / min(r[1] for r in ctl):.1f}x the CPU, "
          f"{statistics.median(r[2] for r in pd) / statistics.median(r[2] for r in ctl):.1f}x the memory")
    # The same outliers, or the comparison means nothing (untimed runs).
    pd_out = subprocess.run(pd_cmd, capture_output=True, text=True, check=True).stdout.split()
    ctl_json = subprocess.run(ctl_cmd[:-1], capture_output=True, text=True, check=True).stdout
    ctl_counts = [f"{s['name']}={len(s['outliers'])}" for s in json.loads(ctl_json)["series"]]
    print(f"  outliers per series: outlierctl {' '.join(ctl_counts)}; pandas {' '.join(pd_out)}; "
          f"{'same' if ctl_counts == pd_out else 'DIFFERENT'}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outlierctl", default=os.path.join(root, "build", "bin", "outlierctl"))
    parser.add_argument("--layout", choices=["all"] + list(LAYOUTS), default="all")
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (min and median printed)")
    parser.add_argument("--no-pandas", action="store_true", help="outlierctl's figures only")
    parser.add_argument("--keep", help="generate the files in this directory and keep them")
    args = parser.parse_args()
    if not os.access(args.outlierctl, os.X_OK):
        sys.exit(f"bench_csv: no outlierctl at {args.outlierctl}; build it with\n"
                 "  scripts/build.sh --target outlierctl")

    load = os.getloadavg()
    print(f"load average: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores; "
          f"{args.runs} runs each, interleaved, files in the page cache")
    for layout in (LAYOUTS if args.layout == "all" else [args.layout]):
        with tempfile.TemporaryDirectory(prefix="bench_csv_") as tmp:
            folder = args.keep or tmp
            os.makedirs(folder, exist_ok=True)
            bench(layout, args, folder)
            if not args.keep:
                os.remove(os.path.join(folder, f"metrics-{layout}.csv"))


if __name__ == "__main__":
    main()
