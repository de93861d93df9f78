#!/usr/bin/python3
"""outlierctl detect against pandas on a 10-million-row long-form CSV file.

Generates the file at run time in a temporary directory (nothing big is committed), then runs,
each under /usr/bin/time -v for its peak resident memory:

  outlierctl detect FILE --method zscore --format json --timings > /dev/null
  /usr/bin/python3 with pandas: read_csv, to_datetime on the time column, and per series the
  numpy rule np.abs(d - d.mean()) > 2 * d.std()

and prints both wall times, both peak memory figures, the ratios, and the reader's own speed
(outlierctl's --timings "read" figure) in MB/s. A figure printer, not a pass/fail test.

usage: /usr/bin/python3 tests/bench/bench_csv.py [--outlierctl build-release/bin/outlierctl]
                                                 [--rows 10000000] [--keep DIR]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np

SERIES = (b"cpu", b"mem", b"dsk", b"net")  # same width: every row is 33 bytes

PANDAS_SCRIPT = r"""
import sys
import numpy as np
import pandas as pd

df = pd.read_csv(sys.argv[1])
df["timestamp"] = pd.to_datetime(df["timestamp"])
counts = {}
for name, group in df.groupby("name", sort=False):
    d = group["value"].to_numpy()
    counts[name] = int(np.count_nonzero(np.abs(d - d.mean()) > 2 * d.std()))
print(" ".join(f"{k}={v}" for k, v in counts.items()))
"""


def generate(path, rows, seed=4):
    """Writes `rows` rows of timestamp,name,value: 4 series at one-second steps, a daily-like
    sine with noise and rare spikes. Built as a byte matrix with numpy: seconds, not minutes."""
    rng = np.random.default_rng(seed)
    steps = rows // len(SERIES)
    chunk = 250_000
    start = np.datetime64("2024-01-01T00:00:00", "s")
    with open(path, "wb") as out:
        out.write(b"timestamp,name,value\n")
        for first in range(0, steps, chunk):
            n = min(chunk, steps - first)
            t = start + np.arange(first, first + n).astype("timedelta64[s]")
            stamps = np.char.add(np.datetime_as_string(t, unit="s"), "Z").astype("S20")
            m = np.empty((n, len(SERIES), 33), dtype=np.uint8)
            m[:, :, 0:20] = stamps.view(np.uint8).reshape(n, 1, 20)
            m[:, :, 20] = ord(",")
            for k, name in enumerate(SERIES):
                m[:, k, 21:24] = np.frombuffer(name, dtype=np.uint8)
            m[:, :, 24] = ord(",")
            phase = np.arange(len(SERIES)) * 0.7
            x = np.arange(first, first + n)[:, None] * (2 * np.pi / 86_400) + phase[None, :]
            v = 500 + 100 * np.sin(x) + rng.normal(0, 10, (n, len(SERIES)))
            spikes = rng.random((n, len(SERIES))) < 0.0002
            v[spikes] = rng.uniform(950, 999, np.count_nonzero(spikes))
            milli = np.clip(np.rint(v * 1000), 100_000, 999_999).astype(np.int64)
            # "ddd.ddd": the values stay in [100, 1000) so that every row has the same width.
            for col, div in ((25, 100_000), (26, 10_000), (27, 1_000), (29, 100), (30, 10), (31, 1)):
                m[:, :, col] = ord("0") + (milli // div) % 10
            m[:, :, 28] = ord(".")
            m[:, :, 32] = ord("\n")
            out.write(m.tobytes())
    return steps * len(SERIES)


def timed(cmd, stdout):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS in MB, stderr text)."""
    began = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - began
    if proc.returncode != 0:
        sys.exit(f"bench_csv: {' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return wall, int(peak.group(1)) / 1024 if peak else float("nan"), proc.stderr


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outlierctl", default=os.path.join(root, "build-release", "bin", "outlierctl"))
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--keep", help="generate the file in this directory and keep it")
    args = parser.parse_args()
    if not os.access(args.outlierctl, os.X_OK):
        sys.exit(f"bench_csv: no outlierctl at {args.outlierctl}; build it with\n"
                 "  cmake --preset release -DOD_BUILD_DESKTOP=OFF && "
                 "cmake --build build-release -j2 --target outlierctl")

    with tempfile.TemporaryDirectory(prefix="bench_csv_") as tmp:
        folder = args.keep or tmp
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "metrics-long.csv")
        began = time.perf_counter()
        rows = generate(path, args.rows)
        size_mb = os.path.getsize(path) / 1e6
        print(f"file: {rows:,} rows, {len(SERIES)} series, {size_mb:.0f} MB "
              f"(generated in {time.perf_counter() - began:.1f} s)")
        # Both tools read from the page cache, not from the disk.
        with open(path, "rb") as f:
            while f.read(16 << 20):
                pass

        with open(os.devnull, "w") as devnull:
            ctl_wall, ctl_mb, ctl_err = timed(
                [args.outlierctl, "detect", path, "--method", "zscore", "--format", "json", "--timings"], devnull)
        read_ms = re.search(r"read ([\d.]+) ms", ctl_err)
        pd_wall, pd_mb, _ = timed(["/usr/bin/python3", "-c", PANDAS_SCRIPT, path], subprocess.DEVNULL)

        # The same outliers, or the comparison means nothing (untimed run).
        pd_out = subprocess.run(["/usr/bin/python3", "-c", PANDAS_SCRIPT, path], capture_output=True,
                                text=True, check=True).stdout.split()
        ctl_json = subprocess.run([args.outlierctl, "detect", path, "--method", "zscore", "--format", "json"], capture_output=True,
                                  text=True, check=True).stdout
        import json
        ctl_counts = [f"{s['name']}={len(s['outliers'])}" for s in json.loads(ctl_json)["series"]]

    print(f"outlierctl detect: {ctl_wall:6.2f} s  peak RSS {ctl_mb:7.0f} MB")
    print(f"pandas + numpy:    {pd_wall:6.2f} s  peak RSS {pd_mb:7.0f} MB")
    print(f"ratio (pandas / outlierctl): {pd_wall / ctl_wall:.1f}x faster, {pd_mb / ctl_mb:.1f}x less memory")
    if read_ms:
        ms = float(read_ms.group(1))
        print(f"reader alone: {ms / 1000:.2f} s, {size_mb / (ms / 1000):.0f} MB/s")
    print(f"outliers per series: outlierctl {' '.join(ctl_counts)}; pandas {' '.join(pd_out)}; "
          f"{'same' if ctl_counts == pd_out else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
