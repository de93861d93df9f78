#!/usr/bin/python3
"""Reference client for pb.Outliers and greeter.Greeter, written from CONTRACT.md section 1 alone.

Calls all five RPCs against a server and checks each answer against the reference semantics,
computing the expected values itself (numpy for the detection rule).

    /usr/bin/python3 reference_client.py --target 127.0.0.1:PORT [--proto-dir DIR] [--stub-dir DIR]

Exit 0 when every answer matches; otherwise prints each difference and exits 1.
Importable: reference_client.check_all(target, stubs) returns the list of differences.
"""
import sys
if __name__ == "__main__":
    sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
import argparse
import os
import queue
import time

import grpc
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import od_protos  # noqa: E402

K = 2.0
UNARY_DEADLINE_S = 10.0
STREAM_DEADLINE_S = 15.0
# A point whose distance from the mean is within this relative margin of K * std is "on the
# boundary": a different but correct summation order may put it on either side.
BOUNDARY_REL = 1e-9


def expected_indices(values):
    """(certain indices, boundary indices) of the reference rule, computed with numpy."""
    v = np.asarray(values, dtype=float)
    if v.size == 0:
        return [], set()
    dev = np.abs(v - v.mean())
    limit = K * v.std()
    flagged = [int(i) for i in np.nonzero(dev > limit)[0]]
    boundary = {int(i) for i in np.nonzero(np.abs(dev - limit) <= BOUNDARY_REL * max(limit, 1e-300))[0]}
    return flagged, boundary


def same_indices(got, values):
    """None when got matches numpy on values (boundary points may go either way), else a reason."""
    want, boundary = expected_indices(values)
    if list(got) != sorted(set(got)):
        return "indices not strictly ascending: %s" % list(got)
    if set(got) - boundary == set(want) - boundary:
        return None
    return "expected %s, got %s (extra %s, missing %s)" % (
        want, list(got), sorted(set(got) - set(want)), sorted(set(want) - set(got)))


def _metrics(pb2, values, name="interop", t0=1_700_000_000):
    out = []
    for i, v in enumerate(values):
        m = pb2.Metric(name=name, value=float(v))
        m.time.seconds = t0 + 60 * i
        out.append(m)
    return out


def check_detect(stubs, channel, seed=20260302):
    pb2 = stubs.outliers_pb2
    stub = stubs.outliers_pb2_grpc.OutliersStub(channel)
    diffs = []

    def call(values, label, with_fields=True):
        if with_fields:
            req = pb2.OutliersRequest(metrics=_metrics(pb2, values))
        else:
            req = pb2.OutliersRequest(metrics=[pb2.Metric(value=float(v)) for v in values])
        try:
            resp = stub.Detect(req, timeout=UNARY_DEADLINE_S)
        except grpc.RpcError as e:
            diffs.append("Detect %s: RPC failed: %s %s" % (label, e.code().name, e.details()))
            return None
        return list(resp.indices)

    # The contract's worked example.
    got = call([1, 2, 100, 1, 3, 200, 1], "contract example")
    if got is not None and got != [5]:
        diffs.append("Detect [1, 2, 100, 1, 3, 200, 1]: expected [5], got %s" % got)

    # Empty request: empty answer, not an error.
    got = call([], "empty request")
    if got is not None and got != []:
        diffs.append("Detect on an empty request: expected [], got %s" % got)

    # Constant values: std 0, nothing is strictly farther than 0.
    got = call([3.5] * 10, "constant")
    if got is not None and got != []:
        diffs.append("Detect on 10 equal values: expected [], got %s" % got)

    # A single value.
    got = call([42.0], "single value")
    if got is not None and got != []:
        diffs.append("Detect on one value: expected [], got %s" % got)

    # Only values set, no time or name (all other fields absent on the wire).
    got = call([1, 2, 100, 1, 3, 200, 1], "values only", with_fields=False)
    if got is not None and got != [5]:
        diffs.append("Detect [1, 2, 100, 1, 3, 200, 1] without time/name: expected [5], got %s" % got)

    # Random arrays of various sizes and shapes, some with planted spikes, checked against numpy.
    rng = np.random.default_rng(seed)
    cases = []
    for n in (2, 3, 7, 50, 1000, 20000):
        cases.append(("normal n=%d" % n, rng.normal(10.0, 3.0, n)))
    for n in (100, 5000):
        v = rng.normal(0.0, 1.0, n)
        spikes = rng.choice(n, size=max(1, n // 50), replace=False)
        v[spikes] += rng.choice([-1.0, 1.0], size=spikes.size) * rng.uniform(5.0, 20.0, spikes.size)
        cases.append(("spiked n=%d" % n, v))
    cases.append(("heavy-tailed n=3000", rng.standard_cauchy(3000)))
    cases.append(("large offset n=2000", 1e9 + rng.normal(0.0, 1.0, 2000)))
    cases.append(("integers n=500", rng.integers(0, 10, 500).astype(float)))
    for label, values in cases:
        got = call(values, label)
        if got is None:
            continue
        why = same_indices(got, values)
        if why:
            diffs.append("Detect on %s: %s" % (label, why))
    return diffs


def check_greeter(stubs, channel):
    g2 = stubs.greeter_pb2
    stub = stubs.greeter_pb2_grpc.GreeterStub(channel)
    diffs = []

    # SayHello
    for name in ("interop", "", "Zoë ☃"):
        try:
            r = stub.SayHello(g2.HelloRequest(name=name), timeout=UNARY_DEADLINE_S)
            if r.message != "Hello " + name:
                diffs.append("SayHello(%r): expected %r, got %r" % (name, "Hello " + name, r.message))
        except grpc.RpcError as e:
            diffs.append("SayHello(%r): RPC failed: %s %s" % (name, e.code().name, e.details()))

    # GetStockPrice: exactly 5 prices in [500, 600], the first at once, about 500 ms apart,
    # then the stream ends by itself with OK.
    try:
        start = time.monotonic()
        call = stub.GetStockPrice(g2.StockRequest(symbol="ACME"), timeout=STREAM_DEADLINE_S)
        prices, arrivals = [], []
        for reply in call:
            arrivals.append(time.monotonic() - start)
            prices.append(reply.price)
            if len(prices) > 50:
                call.cancel()
                break
        code = call.code()
        if code != grpc.StatusCode.OK:
            diffs.append("GetStockPrice: stream ended with %s, expected OK" % code.name)
        if len(prices) != 5:
            diffs.append("GetStockPrice: expected exactly 5 prices, got %d" % len(prices))
        bad = [p for p in prices if not (500.0 <= p <= 600.0)]
        if bad:
            diffs.append("GetStockPrice: prices outside [500, 600]: %s" % bad)
        if arrivals and arrivals[0] > 1.0:
            diffs.append("GetStockPrice: first price after %.2f s, expected at once" % arrivals[0])
        if len(arrivals) == 5:
            gaps = np.diff(arrivals)
            if gaps.min() < 0.25 or gaps.max() > 1.5:
                diffs.append("GetStockPrice: gaps between prices %s s, expected about 0.5 s"
                             % ["%.3f" % g for g in gaps])
    except grpc.RpcError as e:
        diffs.append("GetStockPrice: RPC failed: %s %s" % (e.code().name, e.details()))

    # RecordMetrics: count and mean; 0 and 0 for an empty stream.
    for values in ([1.5, 2.5, 3.0, 10.0, -4.0, 0.25], [7.0], []):
        want_count = len(values)
        want_avg = float(np.mean(values)) if values else 0.0
        try:
            r = stub.RecordMetrics(iter([g2.Metric(value=v) for v in values]), timeout=UNARY_DEADLINE_S)
            if r.count != want_count or abs(r.average - want_avg) > 1e-12 * max(1.0, abs(want_avg)):
                diffs.append("RecordMetrics(%s): expected count %d average %r, got count %d average %r"
                             % (values, want_count, want_avg, r.count, r.average))
        except grpc.RpcError as e:
            diffs.append("RecordMetrics(%s): RPC failed: %s %s" % (values, e.code().name, e.details()))

    # Chat: each message answered in order; the next message is sent only after the answer to
    # the previous one came back, so the server must answer each message as it arrives.
    texts = ["first", "second message", "third, with ümlaut"]
    answered = queue.Queue()

    def requests():
        for i, text in enumerate(texts):
            yield g2.ChatMessage(user="interop", message=text)
            try:
                answered.get(timeout=5.0)
            except queue.Empty:
                return  # no answer: half-close; the missing echo is reported below

    try:
        call = stub.Chat(requests(), timeout=STREAM_DEADLINE_S)
        got = []
        for reply in call:
            got.append((reply.user, reply.message))
            answered.put(True)
            if len(got) > 10:
                call.cancel()
                break
        want = [("Server", "Server received: " + t) for t in texts]
        if got != want:
            diffs.append("Chat: expected %s, got %s" % (want, got))
        if call.code() != grpc.StatusCode.OK:
            diffs.append("Chat: stream ended with %s, expected OK" % call.code().name)
    except grpc.RpcError as e:
        diffs.append("Chat: RPC failed: %s %s" % (e.code().name, e.details()))
    return diffs


def check_all(target, stubs, seed=20260302):
    """Runs every check against target; returns the list of differences (empty = all match)."""
    with grpc.insecure_channel(target) as channel:
        try:
            grpc.channel_ready_future(channel).result(timeout=10.0)
        except grpc.FutureTimeoutError:
            return ["could not connect to %s within 10 s" % target]
        return check_detect(stubs, channel, seed) + check_greeter(stubs, channel)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Checks a pb.Outliers + greeter.Greeter server.")
    ap.add_argument("--target", required=True, help="HOST:PORT")
    ap.add_argument("--proto-dir", default=None)
    ap.add_argument("--stub-dir", default=None)
    ap.add_argument("--seed", type=int, default=20260302)
    args = ap.parse_args(argv)
    stubs = od_protos.load(args.proto_dir, args.stub_dir)
    diffs = check_all(args.target, stubs, args.seed)
    for d in diffs:
        print("DIFFERS: " + d)
    if diffs:
        print("%d difference(s) from the reference semantics" % len(diffs))
        return 1
    print("all answers match the reference semantics")
    return 0


if __name__ == "__main__":
    sys.exit(main())
