#!/usr/bin/python3
"""A bounded soak of one outlierd on 127.0.0.1: mixed traffic for --seconds (default 180).

A few worker threads each pick, call after call, one kind of traffic: valid and malformed
pb.Outliers/Detect calls, outlierdesk.v1 Detect and DetectStream calls (valid and invalid
parameters), SayHello, RecordMetrics, stock streams opened and abandoned, chat floods, calls
cancelled midway or cut by a short deadline; one more thread keeps opening streams it never
reads (a client that stops reading), which the server must cut off by itself.

It prints the server's resident memory (VmRSS of /proc/PID/status) about every 10 s, then the
calls per second and every status code seen per kind of traffic with its count, and the memory
at the start, after warm-up and at the end. Exit status: 0 unless the server crashed (or did not
stop cleanly on SIGTERM) or a call ended without a status. Figures, never a pass/fail on a time:

    /usr/bin/python3 tests/bench/soak_outlierd.py [--seconds 180] [--workers 4] [--outlierd PATH]
"""
import argparse
import collections
import os
import random
import re
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "interop"))

import grpc  # noqa: E402

import od_protos  # noqa: E402
import od_testutil  # noqa: E402

# The server under soak: endless stock streams and a shared chat room exercise more than the
# reference defaults, and a short stall limit lets the server cut off clients that stop reading
# within the run.
SERVER_FLAGS = ["--chat", "room", "--stock-ticks", "0", "--stock-interval-ms", "0",
                "--stall-timeout-ms", "2000", "--grace-ms", "2000"]
METHODS = ("zscore", "mad", "iqr", "rolling", "hampel", "esd")
CALL_TIMEOUT = 30.0  # a call that should answer at once; reaching it shows as DEADLINE_EXCEEDED
MAX_CALLS_PER_WORKER = 10_000_000  # a bound besides the time


class Tally:
    """Status codes per kind of traffic, shared by the threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self.counts = collections.Counter()
        self.calls = 0

    def add(self, kind, code):
        name = code.name if isinstance(code, grpc.StatusCode) else "NO_STATUS"
        with self._lock:
            self.counts[(kind, name)] += 1
            self.calls += 1

    def total(self):
        with self._lock:
            return self.calls


def status_of(call_or_error):
    """The status code of a finished call or of the RpcError it raised; None if there is none."""
    try:
        return call_or_error.code()
    except Exception:  # noqa: BLE001 - a call without a status is what is counted
        return None


def proc_status(pid, key):
    """An integer field of /proc/PID/status (VmRSS in KiB, Threads); None once the process is gone."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_kib(pid):
    return proc_status(pid, "VmRSS")


def silent_for(seconds):
    """A request stream that sends nothing and ends after seconds."""
    time.sleep(seconds)
    yield from ()


class Traffic:
    """One kind of call each method; each returns (kind, status code or None)."""

    def __init__(self, stubs, channel, rng):
        self.s = stubs
        self.rng = rng
        self.outliers = stubs.outliers_pb2_grpc.OutliersStub(channel)
        self.greeter = stubs.greeter_pb2_grpc.GreeterStub(channel)
        self.detector = stubs.detector_pb2_grpc.DetectorStub(channel)
        # Raw bytes on the pb.Outliers/Detect path, for requests that are not a message.
        self.raw_detect = channel.unary_unary("/pb.Outliers/Detect")

    def values(self, n):
        r = self.rng
        return [r.gauss(10, 2) if r.random() > 0.01 else r.choice((90.0, -50.0, float("nan"))) for _ in range(n)]

    def outliers_request(self, n):
        pb = self.s.outliers_pb2
        metrics = []
        for i, v in enumerate(self.values(n)):
            m = pb.Metric(name="cpu", value=v)
            m.time.seconds = 1_700_000_000 + i
            metrics.append(m)
        return pb.OutliersRequest(metrics=metrics)

    def unary(self, kind, fn, request, timeout=CALL_TIMEOUT):
        try:
            call = fn.with_call(request, timeout=timeout)[1]
            return kind, status_of(call)
        except grpc.RpcError as e:
            return kind, status_of(e)

    def detect_valid(self):
        return self.unary("pb.Detect valid", self.outliers.Detect, self.outliers_request(self.rng.randint(0, 400)))

    def detect_malformed(self):
        good = self.outliers_request(self.rng.randint(1, 50)).SerializeToString()
        r = self.rng
        if r.random() < 0.5:
            bad = good[: r.randint(1, max(1, len(good) - 1))]  # cut short
        else:
            bad = bytes(r.getrandbits(8) for _ in range(r.randint(1, 200)))
        return self.unary("pb.Detect malformed", self.raw_detect, bad)

    def v1_params(self):
        d = self.s.detector_pb2
        r = self.rng
        p = d.DetectorParams(method=r.choice(METHODS + ("", "no-such-method")))
        if r.random() < 0.5:
            p.threshold = r.choice((0.05, 2.0, 3.5, -1.0, float("nan"), 1e9))
        if r.random() < 0.3:
            p.window = r.choice((0, 3, 20, -5, 10_000))
        return p

    def v1_detect(self):
        d = self.s.detector_pb2
        n = self.rng.randint(0, 300)
        series = d.Series(name="cpu", values=self.values(n))
        if self.rng.random() < 0.5:
            series.times_unix_nanos.extend(1_700_000_000_000_000_000 + i * 60_000_000_000 for i in range(n))
        request = d.DetectRequest(params=self.v1_params(), series=series, point_band=self.rng.random() < 0.5)
        return self.unary("v1.Detect", self.detector.Detect, request)

    def v1_detect_stream(self):
        d = self.s.detector_pb2
        chunks = [d.DetectChunk(params=self.v1_params(), name="cpu", values=self.values(100))]
        chunks += [d.DetectChunk(values=self.values(100)) for _ in range(self.rng.randint(0, 5))]
        return self.unary("v1.DetectStream", self.detector.DetectStream, iter(chunks))

    def hello(self):
        g = self.s.greeter_pb2
        return self.unary("SayHello", self.greeter.SayHello, g.HelloRequest(name="soak"))

    def record_metrics(self):
        g = self.s.greeter_pb2
        values = [g.Metric(value=v) for v in self.values(self.rng.randint(0, 200))]
        return self.unary("RecordMetrics", self.greeter.RecordMetrics, iter(values))

    def stock_abandoned(self):
        """Reads a few prices of an endless stream, then walks away (cancels)."""
        call = self.greeter.GetStockPrice(self.s.greeter_pb2.StockRequest(symbol="SOAK"), timeout=CALL_TIMEOUT)
        try:
            for _ in range(self.rng.randint(0, 3)):
                next(call)
        except grpc.RpcError:
            pass
        call.cancel()
        return "stock abandoned", status_of(call)

    def chat_flood(self):
        g = self.s.greeter_pb2
        sent = self.rng.randint(50, 300)
        messages = (g.ChatMessage(user="soak", message="flood %d" % i) for i in range(sent))
        call = self.greeter.Chat(messages, timeout=CALL_TIMEOUT)
        try:
            # In the room, every participant's messages come back: read until ours are all
            # answered at least once, then leave.
            got = 0
            for _ in call:
                got += 1
                if got >= sent:
                    break
        except grpc.RpcError:
            pass
        call.cancel()
        return "chat flood", status_of(call)

    def cancelled(self):
        """A call cancelled right after it was sent, unary or client streaming."""
        if self.rng.random() < 0.5:
            future = self.outliers.Detect.future(self.outliers_request(2000), timeout=CALL_TIMEOUT)
        else:
            g = self.s.greeter_pb2

            def slow():
                for i in range(1000):
                    yield g.Metric(value=i)
                    time.sleep(0.001)

            future = self.greeter.RecordMetrics.future(slow(), timeout=CALL_TIMEOUT)
        time.sleep(self.rng.random() * 0.01)
        future.cancel()
        return "cancelled", status_of(future)

    def deadline(self):
        """A deadline too short for the call: a stream that stays open, or a big Detect."""
        if self.rng.random() < 0.5:
            # A chat room that stays silent: the stream outlives its deadline.
            call = self.greeter.Chat(silent_for(0.5), timeout=0.2)
            try:
                for _ in call:
                    pass
            except grpc.RpcError:
                pass
            return "deadline", status_of(call)
        return self.unary("deadline", self.outliers.Detect, self.outliers_request(3000), timeout=0.002)


WEIGHTS = (
    ("detect_valid", 6), ("detect_malformed", 3), ("v1_detect", 5), ("v1_detect_stream", 2),
    ("hello", 2), ("record_metrics", 2), ("stock_abandoned", 2), ("chat_flood", 1),
    ("cancelled", 2), ("deadline", 2),
)

# What each kind of traffic may end with; anything else is printed as unexpected.
EXPECTED = {
    "pb.Detect valid": {"OK"},
    "pb.Detect malformed": {"OK", "INVALID_ARGUMENT"},
    "v1.Detect": {"OK", "INVALID_ARGUMENT"},
    "v1.DetectStream": {"OK", "INVALID_ARGUMENT"},
    "SayHello": {"OK"},
    "RecordMetrics": {"OK"},
    "stock abandoned": {"CANCELLED"},
    "chat flood": {"CANCELLED", "OK"},
    "cancelled": {"CANCELLED", "OK"},
    "deadline": {"DEADLINE_EXCEEDED", "OK"},
    "stopped reading": {"CANCELLED"},
}


def worker(stubs, target, seed, deadline, tally, errors, kinds):
    rng = random.Random(seed)
    names = [n for n, w in WEIGHTS for _ in range(w) if n in kinds]
    with grpc.insecure_channel(target) as channel:
        traffic = Traffic(stubs, channel, rng)
        for _ in range(MAX_CALLS_PER_WORKER):
            if time.monotonic() >= deadline:
                return
            try:
                kind, code = getattr(traffic, rng.choice(names))()
            except Exception as e:  # noqa: BLE001 - counted, and the soak goes on
                errors.append(repr(e))
                kind, code = "client error", None
            tally.add(kind, code)


# A client that stops reading: a small receive window (no automatic growth), so the server's
# writes back up at once and its stall limit ends the call. The server's end of the stream
# waits behind the unread messages, so the client learns it only once it reads again.
STOPPED_READER_OPTIONS = [("grpc.http2.bdp_probe", 0), ("grpc.http2.lookahead_bytes", 1024)]
STOPPED_READER_PAUSE = 5.0  # the server's stall limit (2 s) and the time to fill the window
STOPPED_READER_TIMEOUT = 30.0


def stopped_reader(stubs, target, deadline, tally):
    """Streams whose client stops reading: the server must give up on each by itself."""
    g = stubs.greeter_pb2
    with grpc.insecure_channel(target, options=STOPPED_READER_OPTIONS) as channel:
        greeter = stubs.greeter_pb2_grpc.GreeterStub(channel)
        for _ in range(100_000):
            if time.monotonic() + STOPPED_READER_PAUSE > deadline:
                return
            calls = [greeter.GetStockPrice(g.StockRequest(symbol="STALL%d" % i), timeout=STOPPED_READER_TIMEOUT)
                     for i in range(4)]
            time.sleep(STOPPED_READER_PAUSE)
            for call in calls:
                try:
                    for _ in call:  # what flow control let through, then the server's end
                        pass
                except grpc.RpcError:
                    pass
                tally.add("stopped reading", status_of(call))


LOG_RE = re.compile(r" (/\S+) \S+ .*?status=(\w+)")


def server_statuses(log_text):
    """{(method, status): count} from outlierd's text log, one line per call."""
    counts = collections.Counter()
    for line in log_text.splitlines():
        m = LOG_RE.search(line)
        if m:
            counts[(m.group(1), m.group(2))] += 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=180.0, help="length of the run (default 180)")
    parser.add_argument("--workers", type=int, default=4, help="threads making calls (default 4)")
    parser.add_argument("--outlierd", default=os.path.join(ROOT, "build", "bin", "outlierd"))
    parser.add_argument("--warmup", type=float, default=None,
                        help="seconds of warm-up before the memory baseline (default: a sixth of the run, at most 30)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default=None,
                        help="comma-separated kinds of traffic to make, to find which one a figure comes from: "
                        + ", ".join([n for n, _ in WEIGHTS] + ["stopped_reader"]))
    args = parser.parse_args()
    all_kinds = {n for n, _ in WEIGHTS} | {"stopped_reader"}
    kinds = set(args.only.split(",")) if args.only else all_kinds
    if not kinds <= all_kinds:
        parser.error("--only: unknown kind(s) %s" % ", ".join(sorted(kinds - all_kinds)))
    if args.seconds <= 0 or args.workers < 1:
        parser.error("--seconds must be positive and --workers at least 1")
    if not os.access(args.outlierd, os.X_OK):
        parser.error("no outlierd at %s (scripts/build.sh --target outlierd, or --outlierd PATH)" % args.outlierd)
    warmup = args.warmup if args.warmup is not None else min(30.0, args.seconds / 6)

    stubs = od_protos.load()
    server = od_testutil.ServerProcess([args.outlierd, "--listen", "127.0.0.1:0", *SERVER_FLAGS])
    pid = server.proc.pid
    print("soak: outlierd pid %d on %s, %s, %.0f s, %d workers" % (
        pid, server.target, " ".join(SERVER_FLAGS), args.seconds, args.workers), flush=True)

    tally, errors = Tally(), []
    start = time.monotonic()
    deadline = start + args.seconds
    threads = []
    if kinds - {"stopped_reader"}:
        threads += [threading.Thread(target=worker,
                                     args=(stubs, server.target, args.seed * 1000 + i, deadline, tally, errors, kinds))
                    for i in range(args.workers)]
    if "stopped_reader" in kinds:
        threads.append(threading.Thread(target=stopped_reader, args=(stubs, server.target, deadline, tally)))
    rss = [(0.0, rss_kib(pid))]
    for t in threads:
        t.start()

    crashed = False
    next_print = 10.0
    while any(t.is_alive() for t in threads):
        time.sleep(1.0)
        now = time.monotonic() - start
        if server.proc.poll() is not None:
            crashed = True
            break
        rss.append((now, rss_kib(pid)))
        if now >= next_print:
            next_print += 10.0
            print("soak: %5.0f s  rss %7.1f MiB  threads %4s  calls %8d  (%.0f/s)" % (
                now, (rss[-1][1] or 0) / 1024, proc_status(pid, "Threads"), tally.total(), tally.total() / now),
                flush=True)
        if now > args.seconds + 120:
            print("soak: the clients did not stop 120 s after the end", file=sys.stderr)
            break
    elapsed = time.monotonic() - start
    for t in threads:
        t.join(timeout=10)

    exit_code = server.proc.poll()
    if exit_code is None:
        exit_code = server.stop(grace=10.0)
        clean = exit_code == 0
    else:
        crashed, clean = True, False

    print("\nsoak: %d calls in %.1f s: %.1f calls/s" % (tally.total(), elapsed, tally.total() / elapsed))
    print("%-22s %-20s %9s" % ("traffic", "status", "calls"))
    unexpected = 0
    no_status = 0
    for (kind, code), n in sorted(tally.counts.items()):
        mark = ""
        if code == "NO_STATUS":
            no_status += n
            mark = "  <- no status"
        elif code not in EXPECTED.get(kind, ()):
            unexpected += n
            mark = "  <- unexpected"
        print("%-22s %-20s %9d%s" % (kind, code, n, mark))
    by_code = collections.Counter()
    for (_, code), n in tally.counts.items():
        by_code[code] += n
    print("all: " + ", ".join("%s %d" % (c, n) for c, n in by_code.most_common()))

    print("\n%-40s %-20s %9s" % ("outlierd's log: method", "status", "calls"))
    for (method, code), n in sorted(server_statuses(server.stderr()).items()):
        print("%-40s %-20s %9d" % (method, code, n))

    samples = [(t, r) for t, r in rss if r is not None]
    if samples:
        first = samples[0][1]
        warm = next((r for t, r in samples if t >= warmup), samples[-1][1])
        last = samples[-1][1]
        peak = max(r for _, r in samples)
        growth = 100.0 * (last - warm) / warm if warm else 0.0
        print("rss: start %.1f MiB, after %.0f s warm-up %.1f MiB, end %.1f MiB, peak %.1f MiB; "
              "growth after warm-up %+.1f%% (goal under 5%%)" % (
                  first / 1024, warmup, warm / 1024, last / 1024, peak / 1024, growth))
    for e in errors[:5]:
        print("client error: " + e, file=sys.stderr)

    ok = True
    if crashed:
        print("soak: FAILED: outlierd ended during the run (exit %s)\n%s" % (exit_code, server.stderr()[-2000:]),
              file=sys.stderr)
        ok = False
    elif not clean:
        print("soak: FAILED: outlierd did not stop cleanly on SIGTERM (exit %s)" % exit_code, file=sys.stderr)
        ok = False
    if no_status:
        print("soak: FAILED: %d calls ended without a status" % no_status, file=sys.stderr)
        ok = False
    if unexpected:
        print("soak: %d calls ended with an unexpected status (see the table)" % unexpected)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
