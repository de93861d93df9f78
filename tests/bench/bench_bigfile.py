#!/usr/bin/python3
"""A big file to a picture: outlierctl against Kst on a 10-million-row file.

Generates at run time, in a temporary directory (nothing big is committed), one series of
epoch seconds and a value (a daily cycle, noise and rare spikes) twice: as CSV with a header
for outlierctl and as the same rows separated by a space for Kst. With both files in the page
cache it runs each command --runs times under /usr/bin/time -v (wall time and peak resident
memory):

  kst2 FILE.txt -x 1 -y 2 --png OUT.png            (QT_QPA_PLATFORM=offscreen)
  outlierctl render FILE.csv -o OUT.png             (the default method, outliers marked)
  outlierctl detect FILE.csv --timings              (the default method, JSON to /dev/null)

and prints the min and median of each, the bytes of peak memory per point, the ratios against
Kst, and the reader's speed in MB/s (the "read" figure of --timings). A figure printer, never a
pass/fail test. Without Kst it says how to install it and prints our own figures.

usage: /usr/bin/python3 tests/bench/bench_bigfile.py [--outlierctl build/bin/outlierctl]
                                                     [--rows 10000000] [--runs 3] [--keep DIR]
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

START = 1_704_067_200  # 2024-01-01T00:00:00Z: ten digits for every row


def value_columns(n, first, rng):
    """The values of rows first..first+n as milli-units in [100000, 999999]: a daily cycle
    (one row a second), noise, and a spike about every 5000 rows."""
    x = np.arange(first, first + n) * (2 * np.pi / 86_400)
    v = 500 + 100 * np.sin(x) + rng.normal(0, 10, n)
    spikes = rng.random(n) < 0.0002
    v[spikes] = rng.uniform(950, 999, np.count_nonzero(spikes))
    return np.clip(np.rint(v * 1000), 100_000, 999_999).astype(np.int64)


def generate(csv_path, txt_path, rows, seed=18):
    """Writes `rows` rows of "SSSSSSSSSS,ddd.ddd" (19 bytes each) to csv_path under a header, and
    the same rows with a space instead of the comma to txt_path. A byte matrix built with numpy:
    seconds, not minutes."""
    rng = np.random.default_rng(seed)
    chunk = 500_000
    with open(csv_path, "wb") as csv, open(txt_path, "wb") as txt:
        csv.write(b"time,value\n")
        for first in range(0, rows, chunk):
            n = min(chunk, rows - first)
            m = np.empty((n, 19), dtype=np.uint8)
            t = START + np.arange(first, first + n, dtype=np.int64)
            for col in range(10):
                m[:, col] = ord("0") + (t // 10 ** (9 - col)) % 10
            milli = value_columns(n, first, rng)
            # "ddd.ddd": every row has the same width.
            for col, div in ((11, 100_000), (12, 10_000), (13, 1_000), (15, 100), (16, 10), (17, 1)):
                m[:, col] = ord("0") + (milli // div) % 10
            m[:, 14] = ord(".")
            m[:, 18] = ord("\n")
            m[:, 10] = ord(",")
            csv.write(m.tobytes())
            m[:, 10] = ord(" ")
            txt.write(m.tobytes())


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS in MB, CPU seconds (user
    and system), stderr text)."""
    began = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, env=env)
    wall = time.perf_counter() - began
    if proc.returncode != 0:
        sys.exit(f"bench_bigfile: {' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", proc.stderr))
    return wall, int(peak.group(1)) / 1024 if peak else float("nan"), cpu, proc.stderr


class Figures:
    """Every run of one command: wall times, peak memory, CPU time and what it said on stderr.
    CPU time moves less than wall time when other work loads the machine."""

    def __init__(self, label):
        self.label, self.walls, self.peaks, self.cpus, self.stderrs = label, [], [], [], []

    def add(self, run):
        self.walls.append(run[0])
        self.peaks.append(run[1])
        self.cpus.append(run[2])
        self.stderrs.append(run[3])

    def wall(self):
        return statistics.median(self.walls)

    def peak(self):
        return statistics.median(self.peaks)


def page_in(*paths):
    """Reads the files once so that every command finds them in the page cache."""
    for path in paths:
        with open(path, "rb") as f:
            while f.read(16 << 20):
                pass


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outlierctl", default=os.path.join(root, "build", "bin", "outlierctl"))
    parser.add_argument("--kst", default=shutil.which("kst2"))
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (min and median printed)")
    parser.add_argument("--keep", help="generate the files in this directory and keep them")
    args = parser.parse_args()
    if not os.access(args.outlierctl, os.X_OK):
        sys.exit(f"bench_bigfile: no outlierctl at {args.outlierctl}; build it with\n"
                 "  scripts/build.sh --target outlierctl")

    with tempfile.TemporaryDirectory(prefix="bench_bigfile_") as tmp:
        folder = args.keep or tmp
        os.makedirs(folder, exist_ok=True)
        csv_path = os.path.join(folder, "bigfile.csv")
        txt_path = os.path.join(folder, "bigfile.txt")
        began = time.perf_counter()
        generate(csv_path, txt_path, args.rows)
        size_mb = os.path.getsize(csv_path) / 1e6
        print(f"file: {args.rows:,} rows of epoch seconds and a value, {size_mb:.0f} MB "
              f"(generated in {time.perf_counter() - began:.1f} s)")
        page_in(csv_path, txt_path)
        png = os.path.join(tmp, "out.png")
        offscreen = dict(os.environ, QT_QPA_PLATFORM="offscreen")

        commands = []
        if args.kst:
            commands.append(("kst2 FILE.txt -x 1 -y 2 --png OUT.png", [args.kst, txt_path, "-x", "1", "-y", "2",
                                                                       "--png", png], offscreen))
        commands.append(("outlierctl render FILE.csv -o OUT.png", [args.outlierctl, "render", csv_path, "-o", png],
                         offscreen))
        commands.append(("outlierctl detect FILE.csv --timings", [args.outlierctl, "detect", csv_path,
                                                                  "--format", "json", "--timings"], None))
        figures = {label: Figures(label) for label, _, _ in commands}
        # Interleaved, so that a burst of load elsewhere on the machine falls on every command.
        for _ in range(args.runs):
            for label, cmd, env in commands:
                figures[label].add(timed(cmd, env))
        load = os.getloadavg()

    print(f"load average while measuring: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores; "
          f"{args.runs} runs each, file in the page cache")
    print(f"{'command':40} {'wall min':>9} {'median':>7} {'CPU min':>8} {'peak MB':>8} {'bytes/point':>12}")
    for f in figures.values():
        print(f"{f.label:40} {min(f.walls):8.2f}s {f.wall():6.2f}s {min(f.cpus):7.2f}s {f.peak():8.0f} "
              f"{f.peak() * 1024 * 1024 / args.rows:12.1f}")
    print(f"(the times and values alone: 16 bytes/point, {16 * args.rows / 1024 / 1024:.0f} MB)")

    kst = figures.get("kst2 FILE.txt -x 1 -y 2 --png OUT.png")
    render = figures["outlierctl render FILE.csv -o OUT.png"]
    if kst:
        print(f"render vs Kst: {kst.wall() / render.wall():.2f}x faster (median wall), "
              f"{min(kst.cpus) / min(render.cpus):.2f}x less CPU time, {render.peak() / kst.peak():.2f}x Kst's peak memory")
    else:
        print("kst2 not installed: apt install kst (or scripts/install-deps.sh --bench-tools); "
              "our figures only")

    reads = []
    for text in figures["outlierctl detect FILE.csv --timings"].stderrs:
        m = re.search(r"timings: read ([\d.]+) ms, detect ([\d.]+) ms", text)
        if m:
            reads.append((float(m.group(1)), float(m.group(2))))
    if reads:
        best_read = min(r[0] for r in reads)
        print(f"reader: {best_read:.0f} ms at best, {size_mb / (best_read / 1000):.0f} MB/s; "
              f"detect (default method): {min(r[1] for r in reads):.0f} ms at best")


if __name__ == "__main__":
    main()
