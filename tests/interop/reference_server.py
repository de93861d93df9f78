#!/usr/bin/python3
"""Reference server for pb.Outliers and greeter.Greeter, written from CONTRACT.md section 1 alone,
the way the original Python service behaves:

  pb.Outliers/Detect       indices where |v - mean| > 2 * std (numpy, population std), values
                           taken from the request's metrics in order; empty request -> no indices
  greeter.Greeter/SayHello        "Hello " + name
  greeter.Greeter/GetStockPrice   5 prices uniform in [500, 600], the first at once, then one
                                  about every 500 ms; then the stream ends
  greeter.Greeter/RecordMetrics   count and mean of the streamed values (0 and 0 if none)
  greeter.Greeter/Chat            each message answered with user "Server",
                                  message "Server received: " + message

Standalone:
    /usr/bin/python3 reference_server.py [--port N] [--proto-dir DIR] [--stub-dir DIR]
Port 0 (the default) picks a free one. Once ready it prints "listening on 127.0.0.1:PORT" on
standard output. It listens on 127.0.0.1 only and stops on SIGINT or SIGTERM.

Importable:
    server, port = reference_server.serve(port=0)
    ...
    server.stop(None)
"""
import sys
if __name__ == "__main__":
    sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
import argparse
import os
import signal
import threading
from concurrent import futures

import grpc
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import od_protos  # noqa: E402

STOCK_TICKS = 5
STOCK_INTERVAL_S = 0.5
STOCK_LOW, STOCK_HIGH = 500.0, 600.0
K = 2.0


def detect_indices(values):
    """The reference rule on a sequence of floats: ascending indices, as a list of int."""
    v = np.asarray(values, dtype=float)
    if v.size == 0:
        return []
    return [int(i) for i in np.nonzero(np.abs(v - v.mean()) > K * v.std())[0]]


def make_servicers(stubs, rng=None):
    pb2 = stubs.outliers_pb2
    pb2_grpc = stubs.outliers_pb2_grpc
    g2 = stubs.greeter_pb2
    g2_grpc = stubs.greeter_pb2_grpc
    rng = rng or np.random.default_rng()
    rng_lock = threading.Lock()

    class Outliers(pb2_grpc.OutliersServicer):
        def Detect(self, request, context):
            return pb2.OutliersResponse(indices=detect_indices([m.value for m in request.metrics]))

    class Greeter(g2_grpc.GreeterServicer):
        def SayHello(self, request, context):
            return g2.HelloReply(message="Hello " + request.name)

        def GetStockPrice(self, request, context):
            stop = threading.Event()
            context.add_callback(stop.set)  # called when the RPC ends or is cancelled
            for i in range(STOCK_TICKS):
                if i > 0 and stop.wait(STOCK_INTERVAL_S):
                    return
                with rng_lock:
                    price = float(rng.uniform(STOCK_LOW, STOCK_HIGH))
                yield g2.StockReply(symbol=request.symbol, price=price)

        def RecordMetrics(self, request_iterator, context):
            values = [m.value for m in request_iterator]
            if not values:
                return g2.MetricSummary(count=0, average=0.0)
            return g2.MetricSummary(count=len(values), average=float(np.mean(values)))

        def Chat(self, request_iterator, context):
            for msg in request_iterator:
                yield g2.ChatMessage(user="Server", message="Server received: " + msg.message)

    return Outliers(), Greeter()


def serve(port=0, proto_dir=None, stub_dir=None, max_workers=16, host="127.0.0.1"):
    """Starts the server; returns (grpc.Server, bound port). The caller stops it."""
    stubs = od_protos.load(proto_dir, stub_dir)
    outliers, greeter = make_servicers(stubs)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=max_workers))
    stubs.outliers_pb2_grpc.add_OutliersServicer_to_server(outliers, server)
    stubs.greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
    bound = server.add_insecure_port("%s:%d" % (host, port))
    if bound == 0:
        raise RuntimeError("could not bind %s:%d" % (host, port))
    server.start()
    return server, bound


def main(argv=None):
    ap = argparse.ArgumentParser(description="Reference pb.Outliers + greeter.Greeter server.")
    ap.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 = pick a free one)")
    ap.add_argument("--proto-dir", default=None, help="directory holding pb/ and greeter/ .proto files")
    ap.add_argument("--stub-dir", default=None, help="where to generate (or find) the Python stubs")
    ap.add_argument("--workers", type=int, default=16, help="handler threads")
    args = ap.parse_args(argv)

    try:
        server, port = serve(args.port, args.proto_dir, args.stub_dir, args.workers)
    except Exception as e:  # noqa: BLE001 - report any start-up failure plainly
        print("reference_server: %s" % e, file=sys.stderr)
        return 1

    done = threading.Event()

    def on_signal(signum, frame):
        done.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    print("listening on 127.0.0.1:%d" % port, flush=True)
    while not done.wait(0.5):
        pass
    server.stop(1.0).wait(2.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
