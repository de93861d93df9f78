#!/usr/bin/python3
"""outlierctl's command line per CONTRACT.md section 2: exit codes, messages, output formats,
lenient and strict reading, and --remote against a live outlierd.

/usr/bin/python3 test_cli.py --outlierctl PATH --outlierd PATH [--samples-dir DIR] [unittest options]
"""
import sys
sys.dont_write_bytecode = True
import argparse
import csv
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "interop"))
import od_testutil as u  # noqa: E402

ARGS = None
CONTRACT_SUBCOMMANDS = ("detect", "render", "hello", "stock", "upload", "chat")


def ctl(*args, timeout=30.0):
    """Runs outlierctl. Local `detect` calls that name no method get `--method zscore`: the
    numpy rule these tests compare with is the reference zscore, not the default detector
    (test_default_method_is_documented covers the default)."""
    args = list(args)
    if args and args[0] == "detect" and "--method" not in args and "--remote" not in args:
        args += ["--method", "zscore"]
    return u.run([ARGS.outlierctl, *args], timeout=timeout)


def sample_csv():
    return os.path.join(ARGS.samples_dir, "service-metrics.csv")


def write(path, text):
    with open(path, "w", newline="") as f:
        f.write(text)
    return path


def good_rows(n=30, seed=3, spike_at=12):
    """n rows (time, value text) of a one-series file with one clear spike."""
    rng = np.random.default_rng(seed)
    v = 100.0 + rng.normal(0.0, 1.0, n)
    v[spike_at] += 25.0
    return [("2024-05-01T00:%02d:00Z" % i, "%.4f" % v[i]) for i in range(n)]


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="od-cli-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def assertExit(self, r, code, what):
        self.assertEqual(r.returncode, code, "%s: exit code %d, expected %d\nstdout: %s\nstderr: %s"
                         % (what, r.returncode, code, r.stdout[:2000], r.stderr[:2000]))

    def assertPlace(self, stderr, filename, line, col=None):
        """stderr names FILE:LINE:COL: (the file as given or by its base name)."""
        pat = re.escape(filename) + r":%d:%s:" % (line, r"\d+" if col is None else str(col))
        m = re.search(pat, stderr)
        self.assertIsNotNone(m, "no %s:%d:%s: in stderr: %r" % (filename, line, "COL" if col is None else col, stderr))
        c = int(m.group(0).rstrip(":").rsplit(":", 1)[1])
        self.assertGreater(c, 0, "columns count from 1")

    def json_of(self, r):
        try:
            return json.loads(r.stdout)
        except ValueError as e:
            self.fail("stdout is not JSON (%s): %r" % (e, r.stdout[:500]))

    def assertMatchesNumpy(self, doc, series, k=2.0):
        got = {s["name"]: s for s in doc["series"]}
        self.assertEqual(sorted(got), sorted(series))
        for name, ser in series.items():
            want, scores, boundary = u.reference_detection(ser["values"], k)
            idx = [o["index"] for o in got[name]["outliers"]]
            self.assertEqual(set(idx) - boundary, set(want) - boundary,
                             "series %s: expected %s, got %s" % (name, want, idx))
            self.assertEqual(got[name]["threshold"], k)
            for o in got[name]["outliers"]:
                self.assertTrue(u.rel_close(o["score"], scores[o["index"]], 1e-9),
                                "%s[%d] score %r, numpy %r" % (name, o["index"], o["score"], scores[o["index"]]))


class Render(Base):
    """outlierctl render draws the app's chart into a PNG with no display."""

    def png_size(self, path):
        with open(path, "rb") as f:
            head = f.read(24)
        self.assertEqual(head[:8], b"\x89PNG\r\n\x1a\n", "not a PNG")
        return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")

    def setUp(self):
        r = u.run([ARGS.outlierctl, "--help"], timeout=30)
        if "render" not in r.stdout:
            self.skipTest("this outlierctl was built without the desktop app, so it has no render")

    def test_renders_without_a_display(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "chart.png")
            env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
            r = subprocess.run([ARGS.outlierctl, "render", sample_csv(), "-o", out, "--width", "900",
                                "--height", "500"], capture_output=True, text=True, timeout=60, env=env,
                               stdin=subprocess.DEVNULL)
            self.assertExit(r, 0, "render")
            self.assertEqual(self.png_size(out), (900, 500))
            self.assertIn("11 outliers by alarm", r.stderr)  # the default: 9 planted spikes and 2 queue bursts
            self.assertNotIn("XDG_RUNTIME_DIR", r.stderr)
            # An opaque chart is written as 8-bit RGB (IHDR colour type 2), not RGBA: a quarter
            # less to compress and store for the same pixels.
            with open(out, "rb") as f:
                ihdr = f.read(26)
            self.assertEqual((ihdr[24], ihdr[25]), (8, 2), "bit depth and colour type")

    def svg_paths(self, path):
        """The stroke colour of each <path> in an SVG file, which must parse as XML."""
        import xml.etree.ElementTree as ET
        root = ET.parse(path).getroot()
        self.assertEqual(root.tag, "{http://www.w3.org/2000/svg}svg")
        strokes = []

        def walk(node, stroke):
            stroke = node.get("stroke", stroke)
            if node.tag.endswith("}path"):
                strokes.append((stroke, node.get("d", "").count("L")))
            for child in node:
                walk(child, stroke)
        walk(root, None)
        return root, strokes

    def test_renders_svg_by_its_name(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "chart.SVG")
            r = ctl("render", sample_csv(), "-o", out, "--width", "900", "--height", "500", timeout=60)
            self.assertExit(r, 0, "render to .SVG")
            root, strokes = self.svg_paths(out)
            self.assertEqual(root.get("viewBox"), "0 0 900 500")
            # The sample's three series, each a path in its colour through hundreds of points.
            for colour in ("#1f77b4", "#2ca02c", "#9467bd"):
                points = sum(n for s, n in strokes if s == colour)
                self.assertGreater(points, 300, "%s: %r" % (colour, strokes))
            # --dark draws on a dark background, the same series in lighter colours.
            dark = os.path.join(d, "dark.svg")
            self.assertExit(ctl("render", sample_csv(), "-o", dark, "--dark", timeout=60), 0, "render --dark")
            with open(dark) as f:
                text = f.read()
            self.assertIn('fill="#1f2023"', text)
            self.assertNotIn('stroke="#1f77b4"', text)

    def test_same_outliers_as_detect(self):
        """A long series is drawn from its band's blocks alone, not its band at every point:
        render still marks exactly the outliers detect finds, for every method."""
        import math
        import random
        rng = random.Random(18)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "long.csv")
            # 40000 minutes (a daily cycle, noise, spikes): at --width 400 every pixel column
            # spans more than a block of 64 points.
            with open(path, "w") as f:
                f.write("time,value\n")
                for i in range(40_000):
                    v = 100 + 30 * math.sin(i * 2 * math.pi / 1440) + rng.gauss(0, 2)
                    f.write("%d,%.3f\n" % (1_700_000_000 + 60 * i, v + (150 if i % 3001 == 2500 else 0)))
            for method in ("alarm", "zscore", "rolling", "hampel", "esd"):
                r = ctl("detect", path, "--format", "json", "--method", method, timeout=60)
                self.assertExit(r, 0, "detect --method " + method)
                flagged = len(self.json_of(r)["series"][0]["outliers"])
                self.assertGreater(flagged, 5, method)
                out = os.path.join(d, method + ".png")
                r = ctl("render", path, "-o", out, "--width", "400", "--height", "300", "--method", method, timeout=60)
                self.assertExit(r, 0, "render --method " + method)
                self.assertIn("%d outliers by %s" % (flagged, method), r.stderr)

    def test_bad_usage_and_input(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "chart.png")
            self.assertExit(ctl("render", sample_csv()), 2, "render without -o")
            self.assertExit(ctl("render", "-o", out), 2, "render without a file")
            r = ctl("render", os.path.join(d, "nope.csv"), "-o", out)
            self.assertExit(r, 2, "render of a missing file")
            self.assertIn("nope.csv", r.stderr)
            self.assertFalse(os.path.exists(out))


class Success(Base):
    def test_json(self):
        r = ctl("detect", sample_csv(), "--format", "json")
        self.assertExit(r, 0, "detect --format json")
        doc = self.json_of(r)
        self.assertMatchesNumpy(doc, u.read_series(sample_csv()))

    def test_default_method_is_documented(self):
        """With no --method, detect uses the default the README documents (alarm, ratio 1.3,
        memory 4000), which raises an alarm at every spike planted in the sample, says why in
        words, and stays under 2 alarms per 1000 points."""
        r = u.run([ARGS.outlierctl, "detect", sample_csv(), "--format", "json"], timeout=30)
        self.assertExit(r, 0, "detect with no --method")
        doc = self.json_of(r)
        spikes = {}
        spikes_csv = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                                  "service-metrics-spikes.csv")
        with open(spikes_csv) as f:
            next(f)
            for line in f:
                name, index = line.split(",")[:2]
                spikes.setdefault(name, []).append(int(index))
        for s in doc["series"]:
            self.assertEqual(s["method"], "alarm")
            self.assertEqual(s["threshold"], 1.3)
            flagged = [o["index"] for o in s["outliers"]]
            for spike in spikes[s["name"]]:
                self.assertIn(spike, flagged, s["name"])
            self.assertLessEqual(len(flagged), 2 * s["points"] / 1000, s["name"])
            for o in s["outliers"]:
                self.assertTrue(o["reason"], o)

    def test_text_mentions_every_series_and_outlier(self):
        r = ctl("detect", sample_csv())
        self.assertExit(r, 0, "detect (text)")
        series = u.read_series(sample_csv())
        for name, ser in series.items():
            self.assertIn(name, r.stdout)
            want, _, _ = u.reference_detection(ser["values"])
            self.assertTrue(want, "the sample has outliers in %s" % name)
            for i in want:
                self.assertTrue(re.search(r"\b%d\b" % i, r.stdout) or ser["times"][i] in r.stdout,
                                "text output does not mention %s index %d / %s" % (name, i, ser["times"][i]))

    def test_csv(self):
        r = ctl("detect", sample_csv(), "--format", "csv")
        self.assertExit(r, 0, "detect --format csv")
        rows = list(csv.reader(io.StringIO(r.stdout)))
        self.assertEqual(rows[0], ["series", "index", "time", "value", "score"])
        series = u.read_series(sample_csv())
        want = []
        for name, ser in series.items():
            idx, scores, _ = u.reference_detection(ser["values"])
            want += [(name, i) for i in idx]
        body = [row for row in rows[1:] if row]
        self.assertEqual(sorted((row[0], int(row[1])) for row in body), sorted(want))
        for name, index, time, value, score in body:
            ser = series[name]
            i = int(index)
            _, scores, _ = u.reference_detection(ser["values"])
            self.assertEqual(time, ser["times"][i])
            self.assertTrue(u.rel_close(float(value), ser["values"][i], 1e-12), (name, i, value))
            self.assertTrue(u.rel_close(float(score), scores[i], 1e-9), (name, i, score))

    def test_threshold(self):
        r = ctl("detect", sample_csv(), "--format", "json", "--threshold", "4")
        self.assertExit(r, 0, "detect --threshold 4")
        doc = self.json_of(r)
        self.assertMatchesNumpy(doc, u.read_series(sample_csv()), k=4.0)
        r2 = ctl("detect", sample_csv(), "--format", "json", "--method", "zscore", "--threshold", "2")
        self.assertExit(r2, 0, "detect --method zscore --threshold 2")
        n4 = sum(len(s["outliers"]) for s in doc["series"])
        n2 = sum(len(s["outliers"]) for s in self.json_of(r2)["series"])
        self.assertLess(n4, n2, "a higher threshold flags fewer points on the sample")

    def test_series_filter(self):
        r = ctl("detect", sample_csv(), "--format", "json", "--series", "cpu_percent")
        self.assertExit(r, 0, "detect --series cpu_percent")
        doc = self.json_of(r)
        self.assertEqual([s["name"] for s in doc["series"]], ["cpu_percent"])
        self.assertMatchesNumpy(doc, {"cpu_percent": u.read_series(sample_csv())["cpu_percent"]})

    def test_missing_values_are_gaps_not_errors(self):
        rows = good_rows()
        lines = ["timestamp,value"]
        gaps = {3: "", 7: "NaN", 15: "null", 20: "NA"}
        for i, (t, v) in enumerate(rows):
            lines.append("%s,%s" % (t, gaps.get(i, v)))
        p = write(self.path("gaps.csv"), "\n".join(lines) + "\n")
        r = ctl("detect", p, "--format", "json")
        self.assertExit(r, 0, "detect on a file with missing values")
        self.assertNotRegex(r.stderr.lower(), r"skip", "missing values are not unreadable rows")
        doc = self.json_of(r)
        s = doc["series"][0]
        self.assertEqual(s["points"], len(rows), "missing points are kept as gaps")
        flagged = {o["index"] for o in s["outliers"]}
        self.assertFalse(flagged & set(gaps), "a missing value was flagged")
        self.assertMatchesNumpy(doc, u.read_series(p))

    def test_help(self):
        r = ctl("--help")
        self.assertExit(r, 0, "outlierctl --help")
        self.assertRegex(r.stdout.lower(), r"usage")
        for sub in ("detect", "hello"):
            with self.subTest(sub=sub):
                r = ctl(sub, "--help")
                self.assertExit(r, 0, "outlierctl %s --help" % sub)
                self.assertRegex(r.stdout.lower(), r"usage")
                self.assertIn(sub, r.stdout)

    def test_help_of_other_contract_subcommands(self):
        listing = ctl("--help").stdout
        missing = [s for s in CONTRACT_SUBCOMMANDS
                   if not re.search(r"^\s*%s\b" % s, listing, re.M)]
        present = [s for s in CONTRACT_SUBCOMMANDS if s not in missing and s not in ("detect", "hello")]
        for sub in present:
            with self.subTest(sub=sub):
                r = ctl(sub, "--help")
                self.assertExit(r, 0, "outlierctl %s --help" % sub)
                self.assertRegex(r.stdout.lower(), r"usage")
        if missing:
            self.skipTest("not in 'outlierctl --help' yet: " + ", ".join(missing))


class BadUsage(Base):
    def test_bad_usage_exits_2_with_message(self):
        s = sample_csv()
        cases = {
            "no command": [],
            "unknown subcommand": ["nosuch"],
            "unknown flag": ["detect", s, "--bogus"],
            "missing file argument": ["detect"],
            "missing file argument, with options": ["detect", "--format", "json"],
            "--format yaml": ["detect", s, "--format", "yaml"],
            "--threshold -1": ["detect", s, "--threshold", "-1"],
            "--threshold not a number": ["detect", s, "--threshold", "abc"],
            "--threshold without a value": ["detect", s, "--threshold"],
            "--method nosuch": ["detect", s, "--method", "nosuch"],
            "--window -3": ["detect", s, "--window", "-3"],
            "--incident-gap -1": ["detect", s, "--incident-gap", "-1"],
            "--incident-gap not a number": ["detect", s, "--incident-gap", "x"],
            "--csv-rows points": ["detect", s, "--format", "csv", "--csv-rows", "points"],
            "--csv-rows without --format csv": ["detect", s, "--csv-rows", "incidents"],
            "hello without --remote": ["hello", "--name", "X"],
        }
        for what, argv in cases.items():
            with self.subTest(what):
                r = ctl(*argv)
                self.assertExit(r, 2, what)
                self.assertTrue(r.stderr.strip(), "%s: no message on stderr" % what)

    def test_message_names_the_offending_value(self):
        for argv, word in ((["--format", "yaml"], "yaml"), (["--method", "nosuch"], "nosuch"),
                           (["--bogus"], "--bogus")):
            with self.subTest(word):
                r = ctl("detect", sample_csv(), *argv)
                self.assertExit(r, 2, " ".join(argv))
                self.assertIn(word, r.stderr)


class BadInput(Base):
    def test_unterminated_quote_on_line_3_strict(self):
        p = write(self.path("quote.csv"), 'timestamp,value\n2024-01-01T00:00:00Z,1\n'
                                          '2024-01-01T00:01:00Z,"2\n2024-01-01T00:02:00Z,3\n')
        r = ctl("detect", p, "--strict")
        self.assertExit(r, 2, "unterminated quote, --strict")
        self.assertPlace(r.stderr, "quote.csv", 3)

    def test_unreadable_time_on_line_3_strict(self):
        p = write(self.path("time.csv"), "timestamp,value\n2024-01-01T00:00:00Z,1\n"
                                         "yesterday noon,2\n2024-01-01T00:02:00Z,3\n")
        r = ctl("detect", p, "--strict")
        self.assertExit(r, 2, "unreadable time, --strict")
        self.assertPlace(r.stderr, "time.csv", 3, col=1)  # the time is the first field

    def test_unreadable_value_strict(self):
        rows = good_rows()
        lines = ["timestamp,value"] + ["%s,%s" % r for r in rows]
        lines[5] = rows[4][0] + ",12.x"  # file line 6
        p = write(self.path("value.csv"), "\n".join(lines) + "\n")
        r = ctl("detect", p, "--strict", "--format", "json")
        self.assertExit(r, 2, "unreadable value, --strict")
        self.assertPlace(r.stderr, "value.csv", 6)

    def test_nonexistent_file(self):
        p = self.path("no-such-file.csv")
        r = ctl("detect", p)
        self.assertExit(r, 2, "non-existent file")
        self.assertIn("no-such-file.csv", r.stderr)

    def test_empty_file(self):
        p = write(self.path("empty.csv"), "")
        r = ctl("detect", p)
        self.assertExit(r, 2, "empty file")
        self.assertIn("empty.csv", r.stderr)

    def test_header_only(self):
        p = write(self.path("header.csv"), "timestamp,value\n")
        r = ctl("detect", p)
        self.assertExit(r, 2, "header only, no data")
        self.assertIn("header.csv", r.stderr)


class Lenient(Base):
    def test_stray_quote_loses_only_its_own_row(self):
        # 120 rows; a bad value on line 32 and a quote that never closes on line 92: the 29
        # good rows after it are read, and the counts on stderr add up to the file's lines.
        lines = ["timestamp,value"]
        for line in range(2, 122):
            value = {32: "oops", 92: '"12'}.get(line, str(line))
            lines.append("2024-05-01T%02d:%02d:00Z,%s" % (line // 60, line % 60, value))
        p = write(self.path("stray.csv"), "\n".join(lines) + "\n")
        r = ctl("detect", p, "--format", "json")
        self.assertExit(r, 0, "lenient read of a file with a stray quote")
        self.assertEqual(self.json_of(r)["series"][0]["points"], 118)
        self.assertPlace(r.stderr, "stray.csv", 32, col=22)
        self.assertPlace(r.stderr, "stray.csv", 92, col=22)
        self.assertIn("skipped 2 unreadable rows (118 read; 121 lines in all)", r.stderr)

    def test_one_bad_row_is_skipped_and_reported(self):
        rows = good_rows(n=30, spike_at=12)
        lines = ["timestamp,value"] + ["%s,%s" % r for r in rows]
        lines.insert(8, "2024-05-01T00:07:30Z,not-a-number")  # file line 9
        p = write(self.path("onebad.csv"), "\n".join(lines) + "\n")
        r = ctl("detect", p, "--format", "json")
        self.assertExit(r, 0, "lenient read of a file with one bad row")
        skip_lines = [ln for ln in r.stderr.splitlines() if "skip" in ln.lower()]
        self.assertTrue(skip_lines, "no report of skipped rows on stderr: %r" % r.stderr)
        self.assertTrue(any(re.search(r"\b1\b", ln) for ln in skip_lines),
                        "the count (1) is not given: %r" % r.stderr)
        self.assertPlace(r.stderr, "onebad.csv", 9)
        doc = self.json_of(r)
        self.assertEqual(doc["series"][0]["points"], len(rows))
        values = np.array([float(v) for _, v in rows])
        self.assertMatchesNumpy(doc, {"value": {"values": values}})
        self.assertIn(12, [o["index"] for o in doc["series"][0]["outliers"]])
        # The same file under --strict fails at that place.
        r = ctl("detect", p, "--strict")
        self.assertExit(r, 2, "strict read of the same file")
        self.assertPlace(r.stderr, "onebad.csv", 9)

    def test_several_bad_rows_count_and_first_place(self):
        rows = good_rows(n=40, spike_at=30)
        lines = ["timestamp,value"] + ["%s,%s" % r for r in rows]
        lines.insert(31, "2024-05-01T00:30:30Z,4..5")        # file line 32
        lines.insert(21, "not a time at all,5")               # file line 22
        lines.insert(11, "2024-05-01T00:10:30Z,1e,")          # file line 12: the first
        p = write(self.path("threebad.csv"), "\n".join(lines) + "\n")
        r = ctl("detect", p, "--format", "json")
        self.assertExit(r, 0, "lenient read of a file with three bad rows")
        skip_lines = [ln for ln in r.stderr.splitlines() if "skip" in ln.lower()]
        self.assertTrue(any(re.search(r"\b3\b", ln) for ln in skip_lines),
                        "the count (3) is not given: %r" % r.stderr)
        self.assertPlace(r.stderr, "threebad.csv", 12)
        doc = self.json_of(r)
        self.assertEqual(doc["series"][0]["points"], len(rows))
        values = np.array([float(v) for _, v in rows])
        self.assertMatchesNumpy(doc, {"value": {"values": values}})


class Remote(Base):
    def test_nothing_listening_exits_3_unavailable(self):
        target = "127.0.0.1:%d" % u.free_port()
        for argv in (["detect", sample_csv(), "--remote", target],
                     ["hello", "--remote", target, "--name", "X"]):
            with self.subTest(argv[0]):
                r = ctl(*argv, timeout=45)
                self.assertExit(r, 3, " ".join(argv))
                self.assertIn("UNAVAILABLE", r.stderr)

    def test_against_live_outlierd(self):
        srv = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0"])
        self.addCleanup(srv.stop)
        # With no detector option the server runs its own rule, the reference zscore.
        local = ctl("detect", sample_csv(), "--method", "zscore", "--format", "json")
        remote = ctl("detect", sample_csv(), "--format", "json", "--remote", srv.target)
        self.assertExit(local, 0, "local detect")
        self.assertExit(remote, 0, "remote detect")

        def indices(doc):
            return {s["name"]: [o["index"] for o in s["outliers"]] for s in doc["series"]}
        self.assertEqual(indices(self.json_of(remote)), indices(self.json_of(local)))
        want = {n: u.reference_detection(s["values"])[0] for n, s in u.read_series(sample_csv()).items()}
        self.assertEqual(indices(self.json_of(remote)), want)

        r = ctl("hello", "--remote", srv.target, "--name", "X")
        self.assertExit(r, 0, "hello")
        self.assertTrue(any("Hello X" in ln for ln in r.stdout.splitlines()), r.stdout)
        self.assertIsNone(srv.proc.poll(), "outlierd died: " + srv.stderr())


class Reports(Base):
    """What --format json adds beside the contract's keys, and --fail-on-outliers."""

    def test_json_carries_parameters_band_and_why(self):
        r = ctl("detect", sample_csv(), "--format", "json", "--method", "zscore")
        self.assertExit(r, 0, "detect zscore json")
        series = u.read_series(sample_csv())
        for s in self.json_of(r)["series"]:
            self.assertEqual(s["parameters"], {"threshold": 2.0})
            v = np.array([x for x in series[s["name"]]["values"] if x == x])
            mean, std = v.mean(), v.std()
            self.assertTrue(s["outliers"], s["name"])
            for o in s["outliers"]:
                band = o["band"]
                self.assertTrue(u.rel_close(band["centre"], mean, 1e-9), (band, mean))
                self.assertTrue(u.rel_close(band["lower"], mean - 2 * std, 1e-9), (band, mean, std))
                self.assertTrue(u.rel_close(band["upper"], mean + 2 * std, 1e-9), (band, mean, std))
                self.assertFalse(band["lower"] <= o["value"] <= band["upper"], o)
                self.assertIn("standard deviations", o["why"])
                self.assertIn("above" if o["value"] > mean else "below", o["why"])

        r = ctl("detect", sample_csv(), "--format", "json", "--method", "rolling", "--window", "20")
        self.assertExit(r, 0, "detect rolling json")
        for s in self.json_of(r)["series"]:
            self.assertEqual(s["parameters"], {"threshold": 4.0, "window": 20})
            for o in s["outliers"]:
                band = o["band"]  # the window's own band at that point
                self.assertFalse(band["lower"] <= o["value"] <= band["upper"], o)
                self.assertTrue(o["why"])

        r = ctl("detect", sample_csv(), "--format", "json", "--method", "esd", "--direction", "up")
        self.assertExit(r, 0, "detect esd json")
        params = self.json_of(r)["series"][0]["parameters"]
        self.assertEqual(params["direction"], "up")
        self.assertEqual(params["max_anoms"], 0.02)
        self.assertIsNone(params["period"])  # inferred from the timestamps

        r = ctl("detect", sample_csv(), "--format", "json", "--method", "alarm")
        self.assertExit(r, 0, "detect alarm json")
        for s in self.json_of(r)["series"]:
            self.assertIn("window", s["parameters"])
            for o in s["outliers"]:
                self.assertEqual(o["why"], o["reason"])  # the detector's own words, under both keys

        # alarm's band, which detect works out again at the flags rather than keeping it at
        # every point: the range of the last `memory` values widened by 2% of it, once full.
        r = ctl("detect", sample_csv(), "--format", "json", "--method", "alarm", "--window", "500")
        self.assertExit(r, 0, "detect alarm json, memory 500")
        checked = 0
        for s in self.json_of(r)["series"]:
            memory = s["parameters"]["window"]
            values = series[s["name"]]["values"]
            for o in s["outliers"]:
                before = [x for x in values[:o["index"]] if x == x][-memory:]
                if len(before) < memory:
                    continue  # a young memory's margin is wider: not worked out here
                low, high = min(before), max(before)
                band = o["band"]
                for key, want in (("lower", low - 0.02 * (high - low)), ("upper", high + 0.02 * (high - low)),
                                  ("centre", (low + high) / 2)):
                    self.assertTrue(u.rel_close(band[key], want, 1e-12), (s["name"], o["index"], key, band, want))
                checked += 1
        self.assertGreater(checked, 100)

    def test_fail_on_outliers_exit_code(self):
        flat = write(self.path("flat.csv"), "timestamp,value\n" + "".join(
            "2024-05-01T00:%02d:00Z,%d\n" % (i, 100 + i % 2) for i in range(40)))
        cases = [
            ("flagged points", [sample_csv(), "--method", "zscore", "--fail-on-outliers"], 1),
            ("flagged points, no gate", [sample_csv(), "--method", "zscore"], 0),
            ("nothing flagged", [flat, "--method", "zscore", "--fail-on-outliers"], 0),
            ("bad input still 2", [self.path("nope.csv"), "--fail-on-outliers"], 2),
        ]
        for what, args, code in cases:
            with self.subTest(what):
                r = ctl("detect", *args, "--format", "json")
                self.assertExit(r, code, what)
                if code != 2:
                    outliers = sum(len(s["outliers"]) for s in self.json_of(r)["series"])
                    self.assertEqual(outliers > 0, "flagged" in what and "nothing" not in what)
        r = ctl("detect", "--help")
        self.assertIn("--fail-on-outliers", r.stdout)
        self.assertIn("1 points were flagged", r.stdout)


class RenderFiles(Base):
    """outlierctl render titles its picture and writes it whole or not at all."""

    def setUp(self):
        super().setUp()
        if "render" not in u.run([ARGS.outlierctl, "--help"], timeout=30).stdout:
            self.skipTest("this outlierctl has no render")

    def test_title_line(self):
        out = self.path("chart.svg")
        self.assertExit(ctl("render", sample_csv(), "-o", out, "--method", "zscore", "--threshold", "3",
                            timeout=60), 0, "render")
        with open(out) as f:
            text = f.read()
        title = re.search(r"<title>(.*)</title>", text).group(1)
        self.assertRegex(title, r"^service-metrics\.csv \| zscore k=3 \| \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ to "
                                r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \| clock: UTC$")
        self.assertTrue(">" + title + "</text>" in text, "the title line is not drawn")
        local = self.path("local.svg")
        self.assertExit(ctl("render", sample_csv(), "-o", local, "--local-time", timeout=60), 0, "--local-time")
        with open(local) as f:
            self.assertTrue("clock: local" in f.read())

    def test_band_named_in_the_legend(self):
        # One series: its band is drawn, and its legend entry says what made it, as in the app.
        csv = self.path("one.csv")
        rows = ["timestamp,value"] + ["2024-01-01T%02d:%02d:00Z,%d" % (i // 60, i % 60, 10 + (i % 7) + (90 if i == 150 else 0))
                                      for i in range(300)]
        write(csv, "\n".join(rows) + "\n")
        out = self.path("band.svg")
        self.assertExit(ctl("render", csv, "-o", out, "--method", "zscore", "--threshold", "3", timeout=60), 0,
                        "render")
        with open(out) as f:
            text = f.read()
        self.assertIn(">band: zscore k=3</text>", text)

    def run_failing(self, out, failure):
        """render -o out with writes failing as `failure` says; returns the CompletedProcess."""
        import resource
        import signal
        d = os.path.dirname(out)

        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a signal
            resource.setrlimit(resource.RLIMIT_FSIZE, (200, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

        def nobody():
            os.setgid(65534)
            os.setuid(65534)
        if failure == "unwritable":
            os.chmod(self.tmp, 0o755)
            os.chmod(d, 0o555)
            self.addCleanup(os.chmod, d, 0o755)
        pre = limit if failure == "cut short" else (nobody if os.geteuid() == 0 else None)
        return subprocess.run([ARGS.outlierctl, "render", sample_csv(), "-o", out], capture_output=True,
                              text=True, timeout=60, stdin=subprocess.DEVNULL, preexec_fn=pre)

    def test_a_failed_write_keeps_the_old_file(self):
        for failure, reason in (("unwritable", os.strerror(13)), ("cut short", os.strerror(27))):
            for name in ("chart.png", "chart.svg"):
                with self.subTest(failure=failure, name=name):
                    d = self.path(failure.replace(" ", "_") + "_" + name)
                    os.mkdir(d)
                    out = os.path.join(d, name)
                    write(out, "what was here before\n")
                    os.chmod(out, 0o666)  # the directory, not the file, is what refuses
                    r = self.run_failing(out, failure)
                    self.assertExit(r, 2, "render with a failing write")
                    self.assertIn(out, r.stderr)
                    self.assertIn(reason, r.stderr)
                    with open(out) as f:
                        self.assertEqual(f.read(), "what was here before\n")
                    self.assertEqual(os.listdir(d), [name])  # no temporary file left behind


def group_flags(indices, gap):
    """The incident rule of core/report/incidents.h for the points rule alone: consecutive flags at
    most gap points apart join. Returns [start, end, [indices]] lists."""
    groups = []
    for i in indices:
        if groups and i - groups[-1][1] <= gap:
            groups[-1][1] = i
            groups[-1][2].append(i)
        else:
            groups.append([i, i, [i]])
    return groups


class Incidents(Base):
    """Flagged points grouped into incidents, in every output format (CONTRACT.md section 2)."""

    KEYS = {"start_index", "end_index", "start", "end", "peak_index", "peak_value", "peak_score", "points"}

    def assertConsistent(self, s, gap=None, scores=True):
        """s's incidents are its outliers grouped by the documented rule, each peak a flagged
        point inside its incident with the highest score (the first on ties)."""
        self.assertIn("incidents", s)
        self.assertIsInstance(s["incident_gap_points"], int)
        if gap is not None:
            self.assertEqual(s["incident_gap_points"], gap)
        outliers = {o["index"]: o for o in s["outliers"]}
        groups = group_flags(sorted(outliers), s["incident_gap_points"])
        self.assertEqual([(g[0], g[1]) for g in groups],
                         [(i["start_index"], i["end_index"]) for i in s["incidents"]], s["name"])
        for inc, (_, _, members) in zip(s["incidents"], groups):
            self.assertEqual(set(inc), self.KEYS if scores else self.KEYS - {"peak_score"})
            self.assertEqual(inc["points"], len(members))
            self.assertIn(inc["peak_index"], members, "the peak is a flagged point of its incident")
            peak = outliers[inc["peak_index"]]
            self.assertEqual(inc["peak_value"], peak["value"])
            self.assertEqual(inc["start"], outliers[inc["start_index"]]["time"])
            self.assertEqual(inc["end"], outliers[inc["end_index"]]["time"])
            if scores:
                self.assertEqual(inc["peak_score"], peak["score"])
                best = max(outliers[i]["score"] for i in members)
                self.assertEqual(inc["peak_index"], next(i for i in members if outliers[i]["score"] == best))

    def test_json_incidents_follow_the_rule(self):
        for method in ("zscore", "rolling", "mad"):
            with self.subTest(method):
                r = ctl("detect", sample_csv(), "--format", "json", "--method", method)
                self.assertExit(r, 0, "detect --method " + method)
                doc = self.json_of(r)
                for s in doc["series"]:
                    self.assertConsistent(s)
                self.assertTrue(any(s["incidents"] for s in doc["series"]))

    def test_incident_gap_changes_the_grouping(self):
        p = write(self.path("burst.csv"), "timestamp,value\n" + "".join(
            "2024-05-01T00:%02d:00Z,%s\n" % (i, "500" if i in (10, 12, 13, 30) else "100") for i in range(60)))
        counts = {}
        for gap, want in ((0, [[10], [12], [13], [30]]), (1, [[10], [12, 13], [30]]), (2, [[10, 12, 13], [30]]),
                          (16, [[10, 12, 13], [30]]), (17, [[10, 12, 13, 30]])):
            with self.subTest(gap=gap):
                r = ctl("detect", p, "--format", "json", "--method", "mad", "--incident-gap", str(gap))
                self.assertExit(r, 0, "--incident-gap %d" % gap)
                s = self.json_of(r)["series"][0]
                self.assertEqual([o["index"] for o in s["outliers"]], [10, 12, 13, 30])
                self.assertConsistent(s, gap=gap)
                self.assertEqual([[i["start_index"], i["end_index"]] for i in s["incidents"]],
                                 [[g[0], g[-1]] for g in want])
                counts[gap] = len(s["incidents"])
        self.assertEqual(counts[17], 1)  # 30 - 13 = 17: exactly at the gap joins

    def test_csv_rows_incidents(self):
        doc = self.json_of(ctl("detect", sample_csv(), "--format", "json"))
        r = ctl("detect", sample_csv(), "--format", "csv", "--csv-rows", "incidents")
        self.assertExit(r, 0, "--csv-rows incidents")
        rows = list(csv.DictReader(io.StringIO(r.stdout)))
        self.assertEqual(next(csv.reader(io.StringIO(r.stdout))),
                         ["series", "start_index", "end_index", "start", "end", "peak_index", "peak_value",
                          "peak_score", "points"])
        want = [(s["name"], i) for s in doc["series"] for i in s["incidents"]]
        self.assertEqual(len(rows), len(want))
        for row, (name, inc) in zip(rows, want):
            self.assertEqual(row["series"], name)
            for key in ("start_index", "end_index", "peak_index", "points"):
                self.assertEqual(int(row[key]), inc[key], key)
            self.assertEqual((row["start"], row["end"]), (inc["start"], inc["end"]))
            self.assertEqual(float(row["peak_value"]), inc["peak_value"])
            self.assertEqual(float(row["peak_score"]), inc["peak_score"])
        # The outlier rows stay the default, and can be asked for by name.
        self.assertEqual(ctl("detect", sample_csv(), "--format", "csv", "--csv-rows", "outliers").stdout,
                         ctl("detect", sample_csv(), "--format", "csv").stdout)

    def test_text_leads_with_the_incidents(self):
        doc = self.json_of(ctl("detect", sample_csv(), "--format", "json"))
        r = ctl("detect", sample_csv())
        self.assertExit(r, 0, "detect (text)")
        blocks = re.split(r"^(?=\S)", r.stdout, flags=re.M)
        for s in doc["series"]:
            block = next(b for b in blocks if b.startswith(s["name"] + ":"))
            n = len(s["incidents"])
            summary = "%d incident%s (flags at most %d points apart" % (n, "" if n == 1 else "s",
                                                                        s["incident_gap_points"])
            self.assertIn(summary, block)
            self.assertLess(block.index(summary), block.index("index "), "incidents come before the outliers")
            for inc in s["incidents"]:
                line = next((ln for ln in block.splitlines() if ln.strip().startswith(inc["start"])), None)
                self.assertIsNotNone(line, "no incident line starting %s in %r" % (inc["start"], block))
                self.assertRegex(line, r"standard deviations (above|below) the mean")

    def test_help_documents_the_incident_options(self):
        r = ctl("detect", "--help")
        for flag in ("--incident-gap N", "--csv-rows R", "incidents"):
            self.assertIn(flag, r.stdout)

    def test_remote_incidents_match_local(self):
        srv = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0"])
        self.addCleanup(srv.stop)
        for extra in ([], ["--incident-gap", "3"]):
            with self.subTest(" ".join(extra)):
                local = self.json_of(ctl("detect", sample_csv(), "--format", "json", *extra))
                r = ctl("detect", sample_csv(), "--format", "json", "--remote", srv.target, *extra)
                self.assertExit(r, 0, "remote detect")
                remote = self.json_of(r)
                for mine, theirs in zip(local["series"], remote["series"]):
                    self.assertEqual(theirs["incidents"], mine["incidents"], mine["name"])
                    self.assertEqual(theirs["incident_gap_points"], mine["incident_gap_points"])
                    self.assertConsistent(theirs)

    def test_remote_reference_server_is_grouped_here(self):
        """pb.Outliers answers indices only: the incidents come from grouping them locally, with
        times and values from the file and no peak_score."""
        srv = u.ServerProcess(["/usr/bin/python3", os.path.join(REPO, "tests", "interop", "reference_server.py"),
                               "--port", "0", "--stub-dir", self.path("stubs")])
        self.addCleanup(srv.stop)
        r = ctl("detect", sample_csv(), "--format", "json", "--remote", srv.target, "--incident-gap", "5")
        self.assertExit(r, 0, "detect against the reference server")
        doc = self.json_of(r)
        self.assertTrue(any(s["incidents"] for s in doc["series"]))
        for s in doc["series"]:
            self.assertConsistent(s, gap=5, scores=False)


def make_certs(d):
    """A CA, a server certificate it signed for localhost and 127.0.0.1, and an unrelated CA,
    made with the openssl command in d."""
    def ossl(*args):
        subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True, timeout=60)
    for name, cn in (("ca", "test-ca"), ("other-ca", "other-ca")):
        ossl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out",
             name + ".pem", "-subj", "/CN=" + cn, "-days", "2")
    ossl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
         "-subj", "/CN=localhost")
    write(os.path.join(d, "server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    ossl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
         "-CAcreateserial", "-out", "server.pem", "-extfile", "server.ext", "-days", "2")


class Connection(Base):
    """The TLS and metadata options of the subcommands that connect."""

    def test_every_connecting_command_documents_them(self):
        for command in ("detect", "hello", "stock", "upload", "chat"):
            with self.subTest(command):
                r = ctl(command, "--help")
                self.assertExit(r, 0, command + " --help")
                for flag in ("--ca FILE", "--cert FILE", "--key FILE", "--server-name NAME",
                             "--header 'K: V'", "--token-file FILE", "--tls"):
                    self.assertIn(flag, r.stdout)

    def test_tls_with_the_right_ca_and_clear_failures_otherwise(self):
        make_certs(self.tmp)
        srv = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0",
                               "--tls-cert", self.path("server.pem"),
                               "--tls-key", self.path("server.key")])
        self.addCleanup(srv.stop)
        r = ctl("hello", "--remote", srv.target, "--name", "tls", "--ca", self.path("ca.pem"))
        self.assertExit(r, 0, "hello with the CA")
        self.assertIn("Hello tls", r.stdout)
        r = ctl("hello", "--remote", "localhost:%d" % srv.port, "--ca", self.path("ca.pem"),
                "--server-name", "localhost", "--name", "n")
        self.assertExit(r, 0, "hello with a server name")
        r = ctl("detect", sample_csv(), "--remote", srv.target, "--ca", self.path("ca.pem"))
        self.assertExit(r, 0, "detect over TLS")
        for what, extra in (("the wrong CA", ["--ca", self.path("other-ca.pem")]),
                            ("the wrong server name", ["--ca", self.path("ca.pem"),
                                                       "--server-name", "wrong.example"])):
            with self.subTest(what):
                r = ctl("hello", "--remote", srv.target, "--deadline-ms", "5000", *extra)
                self.assertExit(r, 3, what)
                self.assertIn("UNAVAILABLE", r.stderr)
                self.assertIn("check the CA certificate and the server name", r.stderr)
        r = ctl("hello", "--remote", srv.target, "--deadline-ms", "5000")
        self.assertExit(r, 3, "plaintext to a TLS server")
        self.assertIn("does it expect TLS?", r.stderr)

    def test_token_from_a_file_or_a_header(self):
        tokens = write(self.path("tokens"), "# rotated weekly\ns3cret\n")
        srv = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0", "--token-file", tokens])
        self.addCleanup(srv.stop)
        r = ctl("hello", "--remote", srv.target)
        self.assertExit(r, 3, "no token")
        self.assertIn("UNAUTHENTICATED", r.stderr)
        self.assertIn("check the token", r.stderr)
        for argv in (["--token-file", tokens], ["--header", "Authorization: Bearer s3cret"],
                     ["--header", "x-team: on-call", "--header", "authorization: Bearer s3cret"]):
            with self.subTest(" ".join(argv)):
                self.assertExit(ctl("hello", "--remote", srv.target, *argv), 0, " ".join(argv))
        r = ctl("stock", "--remote", srv.target, "ACME", "--count", "1", "--token-file", tokens)
        self.assertExit(r, 0, "stock with a token")
        self.assertRegex(r.stdout, r"^ACME \d+\.\d\d$")

    def test_bad_connection_options_exit_2_naming_the_problem(self):
        pem = write(self.path("x.pem"), "not a certificate\n")
        cases = [
            (["--ca", self.path("missing.pem")], "--ca: cannot read the CA file"),
            (["--ca", pem], "is not a PEM file"),
            (["--cert", pem], "--cert and --key go together"),
            (["--header", "authorization Bearer x"], "write it as 'key: value'"),
            (["--header", "grpc-timeout: 1S"], "reserved by gRPC"),
            (["--token-file", self.path("missing")], "cannot read the token file"),
        ]
        for extra, message in cases:
            with self.subTest(" ".join(extra)):
                r = ctl("hello", "--remote", "127.0.0.1:1", *extra)
                self.assertExit(r, 2, " ".join(extra))
                self.assertIn(message, r.stderr)


def main():
    global ARGS
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--outlierctl", required=True)
    ap.add_argument("--outlierd", required=True)
    ap.add_argument("--samples-dir", "--data-dir", dest="samples_dir",
                    default=os.path.join(REPO, "resources", "samples"))
    ARGS, rest = ap.parse_known_args(sys.argv[1:])
    for prog in (ARGS.outlierd, ARGS.outlierctl):
        if not os.access(prog, os.X_OK):
            print("not an executable: %s" % prog, file=sys.stderr)
            return 2
    try:
        prog = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
        return 0 if prog.result.wasSuccessful() else 1
    finally:
        u._stop_all()


if __name__ == "__main__":
    sys.exit(main())
