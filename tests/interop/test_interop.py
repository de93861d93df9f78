#!/usr/bin/python3
"""Interop tests: our programs against peers written from CONTRACT.md alone.

  a. the reference Python client against our outlierd;
  b. our outlierctl against the reference Python server;
  c. outlierctl's local detection against numpy, on the bundled sample and on NAB data.

/usr/bin/python3 test_interop.py --outlierd PATH --outlierctl PATH --proto-dir DIR
    [--samples-dir DIR] [--shared-data-dir DIR] [unittest options]
"""
import sys
sys.dont_write_bytecode = True
import argparse
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unittest
from concurrent import futures

import grpc
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import od_protos  # noqa: E402
import od_testutil as u  # noqa: E402
import reference_client  # noqa: E402
import reference_server  # noqa: E402

ARGS = None
STUBS = None
STUB_DIR = None


def sample_csv():
    return os.path.join(ARGS.samples_dir, "service-metrics.csv")


def nab_files():
    d = os.path.join(ARGS.shared_data_dir, "nab", "data", "realAWSCloudwatch")
    if not os.path.isdir(d):
        return []
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".csv"))


def write_wide_csv(path, seed=7):
    """A wide-form file: three series with spikes, some after missing values, in every missing
    spelling the contract names; times with a space and no zone (UTC)."""
    rng = np.random.default_rng(seed)
    n = 400
    a = 50.0 + rng.normal(0.0, 2.0, n)
    b = -5.0 + rng.normal(0.0, 0.5, n)
    c = 1e6 + rng.normal(0.0, 100.0, n)
    a[[30, 250, 399]] += [25.0, -30.0, 40.0]
    b[[0, 201]] += [6.0, -7.0]
    c[[123, 321]] += [2000.0, 2500.0]
    missing = {"a": {10: "", 11: "NaN", 200: "null"}, "b": {5: "NA", 100: ""}, "c": {}}
    with open(path, "w", newline="\n") as f:
        f.write("timestamp,a,b,c\n")
        for i in range(n):
            t = np.datetime64("2024-01-01T00:00:00") + np.timedelta64(30 * i, "s")
            cells = []
            for name, arr in (("a", a), ("b", b), ("c", c)):
                cells.append(missing[name].get(i, "%.6f" % arr[i]))
            f.write("%s,%s\n" % (str(t).replace("T", " "), ",".join(cells)))


class DetectionChecks:
    """Compares outlierctl's JSON output with numpy on the same file."""

    def check_json(self, path, out, local):
        try:
            doc = json.loads(out)
        except ValueError as e:
            self.fail("%s: output is not JSON (%s): %r" % (path, e, out[:500]))
        self.assertIsInstance(doc.get("series"), list, "%s: no 'series' list in %r" % (path, out[:300]))
        expected = u.read_series(path)
        got = {s.get("name"): s for s in doc["series"]}
        self.assertEqual(sorted(got), sorted(expected), "%s: series names" % path)
        for name, ser in expected.items():
            s = got[name]
            with self.subTest(file=os.path.basename(path), series=name, local=local):
                want, scores, boundary = u.reference_detection(ser["values"])
                outliers = s.get("outliers")
                self.assertIsInstance(outliers, list)
                idx = [o.get("index") for o in outliers]
                self.assertEqual(idx, sorted(set(idx)), "indices must be ascending and unique")
                self.assertEqual(set(idx) - boundary, set(want) - boundary,
                                 "indices differ from numpy: expected %s, got %s" % (want, idx))
                self.assertEqual(s.get("points"), len(ser["values"]), "points")
                if local:
                    self.assertEqual(s.get("method"), "zscore")
                    self.assertEqual(s.get("threshold"), 2.0)
                for o in outliers:
                    i = o["index"]
                    self.assertEqual(o.get("time"), ser["times"][i], "time of index %d" % i)
                    self.assertTrue(u.rel_close(o.get("value"), ser["values"][i], 1e-12),
                                    "value of index %d: expected %r, got %r"
                                    % (i, ser["values"][i], o.get("value")))
                    if local:
                        self.assertTrue(u.rel_close(o.get("score"), scores[i], 1e-9),
                                        "score of index %d: expected %r, got %r"
                                        % (i, scores[i], o.get("score")))
                    else:
                        # The reference server returns only indices: no score to report.
                        self.assertIsNone(o.get("score"), "remote score of index %d" % i)

    def detect(self, path, *extra):
        # The numpy rule is the reference zscore; name it, since the default detector differs.
        method = [] if "--remote" in extra or "--method" in extra else ["--method", "zscore"]
        cmd = [ARGS.outlierctl, "detect", path, "--format", "json", *method, *extra]
        r = u.run(cmd, timeout=60)
        self.assertEqual(r.returncode, 0, "%s exited %d\nstderr: %s" % (" ".join(cmd), r.returncode, r.stderr))
        return r.stdout


class A_ReferenceClientVsOutlierd(unittest.TestCase):
    """Their client against our server."""

    def test_reference_client_against_outlierd(self):
        srv = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0"])
        self.addCleanup(srv.stop)
        diffs = reference_client.check_all(srv.target, STUBS)
        self.assertEqual(diffs, [], "outlierd differs from the reference semantics:\n" + "\n".join(diffs))
        self.assertIsNone(srv.proc.poll(), "outlierd died during the calls: " + srv.stderr())
        rc = srv.stop()
        self.assertEqual(rc, 0, "outlierd exit code after SIGTERM\nstderr: " + srv.stderr())

    def test_reference_client_standalone_against_outlierd(self):
        """The reference client as a program (as other scripts would run it)."""
        srv = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0"])
        self.addCleanup(srv.stop)
        r = u.run([sys.executable, os.path.join(HERE, "reference_client.py"), "--target", srv.target,
                   "--proto-dir", ARGS.proto_dir, "--stub-dir", STUB_DIR, "--seed", "99"], timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_concurrent_reference_clients(self):
        """Four reference clients at once, each on its own channel."""
        srv = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0"])
        self.addCleanup(srv.stop)
        with futures.ThreadPoolExecutor(max_workers=4) as pool:
            runs = [pool.submit(reference_client.check_all, srv.target, STUBS, seed) for seed in range(4)]
            diffs = [d for f in runs for d in f.result(timeout=60)]
        self.assertEqual(diffs, [], "\n".join(diffs))

    def test_cancelled_and_open_streams(self):
        """A cancelled stock stream leaves the server serving; SIGTERM with a chat stream still
        open ends the server within its grace period."""
        srv = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0"])
        self.addCleanup(srv.stop)
        g2 = STUBS.greeter_pb2
        with grpc.insecure_channel(srv.target) as channel:
            stub = STUBS.greeter_pb2_grpc.GreeterStub(channel)
            call = stub.GetStockPrice(g2.StockRequest(symbol="X"), timeout=15)
            first = next(call)
            self.assertTrue(500.0 <= first.price <= 600.0)
            call.cancel()
            self.assertEqual(stub.SayHello(g2.HelloRequest(name="after"), timeout=10).message, "Hello after")

            never = threading.Event()

            def one_then_wait():
                yield g2.ChatMessage(user="u", message="m")
                never.wait(20)  # keeps the stream open (no half-close) until the test ends

            self.addCleanup(never.set)
            chat = stub.Chat(one_then_wait(), timeout=30)
            reply = next(chat)
            self.assertEqual((reply.user, reply.message), ("Server", "Server received: m"))
            start = time.monotonic()
            srv.proc.send_signal(signal.SIGTERM)
            try:
                rc = srv.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                rc = None
            self.assertIsNotNone(rc, "outlierd still running 10 s after SIGTERM with an open chat stream")
            self.assertEqual(rc, 0, "exit code after SIGTERM: " + srv.stderr())
            self.assertLess(time.monotonic() - start, 10)
            never.set()
            chat.cancel()

    def test_reference_pair_agrees(self):
        """Self-check: the reference client accepts the reference server (in this process)."""
        server, port = reference_server.serve(0, ARGS.proto_dir, STUB_DIR)
        self.addCleanup(server.stop, None)
        diffs = reference_client.check_all("127.0.0.1:%d" % port, STUBS)
        self.assertEqual(diffs, [], "\n".join(diffs))


class B_OutlierctlVsReferenceServer(DetectionChecks, unittest.TestCase):
    """Our client against their server."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="od-interop-")
        cls.srv = u.ServerProcess([sys.executable, os.path.join(HERE, "reference_server.py"), "--port", "0",
                                   "--proto-dir", ARGS.proto_dir, "--stub-dir", STUB_DIR])

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_remote_detect_sample(self):
        path = sample_csv()
        self.check_json(path, self.detect(path, "--remote", self.srv.target), local=False)

    def test_remote_detect_wide_form_with_gaps(self):
        path = os.path.join(self.tmp, "wide.csv")
        write_wide_csv(path)
        self.check_json(path, self.detect(path, "--remote", self.srv.target), local=False)

    def test_remote_detect_nab(self):
        files = nab_files()
        if not files:
            self.skipTest("no NAB data under %s" % ARGS.shared_data_dir)
        self.check_json(files[0], self.detect(files[0], "--remote", self.srv.target), local=False)

    def test_hello(self):
        for name in ("X", "interop peer"):
            r = u.run([ARGS.outlierctl, "hello", "--remote", self.srv.target, "--name", name], timeout=30)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(any("Hello " + name in line for line in r.stdout.splitlines()),
                            "no line with %r in stdout %r" % ("Hello " + name, r.stdout))

    def test_reference_server_still_alive(self):
        self.assertIsNone(self.srv.proc.poll(), self.srv.stderr())


class C_LocalDetectVsNumpy(DetectionChecks, unittest.TestCase):
    """outlierctl detect (local) against numpy on the same files."""

    def test_local_detect_sample(self):
        path = sample_csv()
        self.check_json(path, self.detect(path), local=True)

    def test_local_detect_wide_form_with_gaps(self):
        with tempfile.TemporaryDirectory(prefix="od-interop-") as d:
            path = os.path.join(d, "wide.csv")
            write_wide_csv(path, seed=11)
            self.check_json(path, self.detect(path), local=True)

    def test_local_detect_nab(self):
        files = nab_files()
        if not files:
            self.skipTest("no NAB data under %s" % ARGS.shared_data_dir)
        for path in files:
            self.check_json(path, self.detect(path), local=True)

    def test_local_detect_csv_variants(self):
        """The same data written in the layouts CONTRACT.md section 3 allows; the expected
        result comes from the data itself, not from reading the variant back."""
        rng = np.random.default_rng(5)
        n = 240
        t0 = np.datetime64("2023-06-30T22:00:00", "s")
        times = [t0 + np.timedelta64(45 * i, "s") for i in range(n)]
        cpu = 40.0 + rng.normal(0.0, 3.0, n)
        mem = 2.0e4 + rng.normal(0.0, 50.0, n)
        cpu[[17, 150, 233]] += [30.0, -28.0, 35.0]
        mem[[90, 91]] += [600.0, 700.0]
        cpu[[40, 41]] = np.nan
        data = {"cpu": cpu, "mem": mem}
        iso = [str(t) + "Z" for t in times]

        def cell(v):
            return "" if np.isnan(v) else repr(float(v))

        def wide(tfmt, sep=",", header=("timestamp", "cpu", "mem"), eol="\n", bom=False, blank=False):
            lines = [sep.join(header)] if header else []
            for i, t in enumerate(times):
                lines.append(sep.join([tfmt(t), cell(cpu[i]), cell(mem[i])]))
                if blank and i % 50 == 0:
                    lines.append("")
            return ("\ufeff" if bom else "") + eol.join(lines) + eol

        def epoch(t):
            return int((t - np.datetime64("1970-01-01T00:00:00", "s")) / np.timedelta64(1, "s"))

        def plus2(t):
            return str(t + np.timedelta64(2, "h")).replace("T", " ") + "+02:00"

        long_lines = ['date,metric,value']
        for i, t in enumerate(times):
            long_lines.append('%sZ,"cpu, total",%s' % (t, cell(cpu[i])))
            long_lines.append('%sZ,mem,%s' % (t, "NA" if np.isnan(mem[i]) else cell(mem[i])))
        variants = {
            "semicolon_crlf_bom.csv": (wide(lambda t: str(t) + "Z", ";", ("Timestamp", "cpu", "mem"),
                                            "\r\n", bom=True), {"cpu": "cpu", "mem": "mem"}),
            "tab_blank_lines.csv": (wide(lambda t: str(t).replace("T", " "), "\t", blank=True),
                                    {"cpu": "cpu", "mem": "mem"}),
            "epoch_seconds.csv": (wide(lambda t: str(epoch(t)), header=("time", "cpu", "mem")),
                                  {"cpu": "cpu", "mem": "mem"}),
            "epoch_millis.csv": (wide(lambda t: str(epoch(t) * 1000), header=("ts", "cpu", "mem")),
                                 {"cpu": "cpu", "mem": "mem"}),
            "offset_zone.csv": (wide(plus2), {"cpu": "cpu", "mem": "mem"}),
            "long_quoted.csv": ("\n".join(long_lines) + "\n", {"cpu, total": "cpu", "mem": "mem"}),
        }
        with tempfile.TemporaryDirectory(prefix="od-variants-") as d:
            for fname, (text, names) in variants.items():
                with self.subTest(variant=fname):
                    path = os.path.join(d, fname)
                    with open(path, "w", encoding="utf-8", newline="") as f:
                        f.write(text)
                    doc = json.loads(self.detect(path))
                    got = {s["name"]: s for s in doc["series"]}
                    self.assertEqual(sorted(got), sorted(names), "series names")
                    for sname, key in names.items():
                        want, scores, boundary = u.reference_detection(data[key])
                        s = got[sname]
                        idx = [o["index"] for o in s["outliers"]]
                        self.assertEqual(set(idx) - boundary, set(want) - boundary,
                                         "%s: expected %s, got %s" % (sname, want, idx))
                        self.assertEqual(s["points"], n)
                        for o in s["outliers"]:
                            self.assertEqual(o["time"], iso[o["index"]], "%s[%d] time" % (sname, o["index"]))
                            self.assertTrue(u.rel_close(o["score"], scores[o["index"]], 1e-9))

    def test_local_and_remote_agree_on_sample(self):
        srv = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0"])
        self.addCleanup(srv.stop)
        path = sample_csv()
        local = json.loads(self.detect(path))
        remote = json.loads(self.detect(path, "--remote", srv.target))
        idx = lambda doc: {s["name"]: [o["index"] for o in s["outliers"]] for s in doc["series"]}  # noqa: E731
        self.assertEqual(idx(remote), idx(local))


def parse_args(argv):
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--outlierd", required=True)
    ap.add_argument("--outlierctl", required=True)
    ap.add_argument("--proto-dir", default=os.path.join(REPO, "proto"))
    ap.add_argument("--samples-dir", "--data-dir", dest="samples_dir",
                    default=os.path.join(REPO, "resources", "samples"))
    ap.add_argument("--shared-data-dir", default=os.path.normpath(os.path.join(REPO, "..", "shared", "data")))
    return ap.parse_known_args(argv)


def main():
    global ARGS, STUBS, STUB_DIR
    ARGS, rest = parse_args(sys.argv[1:])
    for prog in (ARGS.outlierd, ARGS.outlierctl):
        if not os.access(prog, os.X_OK):
            print("not an executable: %s" % prog, file=sys.stderr)
            return 2
    tmp = tempfile.mkdtemp(prefix="od-stubs-")
    try:
        STUB_DIR = tmp
        STUBS = od_protos.load(ARGS.proto_dir, STUB_DIR)
        prog = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
        return 0 if prog.result.wasSuccessful() else 1
    finally:
        u._stop_all()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
