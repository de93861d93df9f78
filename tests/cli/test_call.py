#!/usr/bin/python3
"""outlierctl's call console: list, describe, call (all four kinds) and health, against a real
outlierd (reflection on) and against an api.Api server written in Python from the contract,
which serves no reflection (so --proto with an import path). Bad JSON, unknown methods, missing
imports and TLS mistakes each get a clear message and the contract's exit code.

/usr/bin/python3 test_call.py --outlierctl PATH --outlierd PATH [unittest options]
"""
import sys
sys.dont_write_bytecode = True
import argparse
import json
import os
import re
import shutil
import signal
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "interop"))
import od_testutil as u  # noqa: E402
from api_server import ApiServer  # noqa: E402
from test_cli import make_certs  # noqa: E402

ARGS = None
OUTLIERD = None  # one outlierd for the tests that only read from it


def ctl(*args, timeout=30.0, input_text=None):
    return u.run([ARGS.outlierctl, *args], timeout=timeout, input_text=input_text)


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="od-call-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    def assertExit(self, r, code, what):
        self.assertEqual(r.returncode, code, "%s: exit code %d, expected %d\nstdout: %s\nstderr: %s"
                         % (what, r.returncode, code, r.stdout[:2000], r.stderr[:2000]))


class Reflection(Base):
    """Against outlierd, which serves reflection (v1alpha with Debian's grpc: v1 is tried first)."""

    def test_list_services_and_methods(self):
        r = ctl("list", "--remote", OUTLIERD.target)
        self.assertExit(r, 0, "list")
        services = r.stdout.split("\n")
        for name in ("greeter.Greeter", "pb.Outliers", "outlierdesk.v1.Detector"):
            self.assertIn(name, services)
        r = ctl("list", "--remote", OUTLIERD.target, "greeter.Greeter")
        self.assertExit(r, 0, "list greeter.Greeter")
        self.assertEqual(r.stdout.splitlines(), [
            "greeter.Greeter/SayHello (unary) greeter.HelloRequest -> greeter.HelloReply",
            "greeter.Greeter/GetStockPrice (server streaming) greeter.StockRequest -> greeter.StockReply",
            "greeter.Greeter/RecordMetrics (client streaming) greeter.Metric -> greeter.MetricSummary",
            "greeter.Greeter/Chat (bidi streaming) greeter.ChatMessage -> greeter.ChatMessage",
        ])

    def test_describe(self):
        r = ctl("describe", "--remote", OUTLIERD.target, "greeter.Greeter")
        self.assertExit(r, 0, "describe a service")
        self.assertIn("rpc Chat(stream .greeter.ChatMessage) returns (stream .greeter.ChatMessage)", r.stdout)
        r = ctl("describe", "--remote", OUTLIERD.target, "pb.OutliersRequest")
        self.assertExit(r, 0, "describe a message")
        self.assertIn("repeated .pb.Metric metrics = 1;", r.stdout)
        template = json.loads(r.stdout.split("template:\n", 1)[1])
        self.assertEqual(template, {"metrics": [{"time": "1970-01-01T00:00:00Z", "name": "", "value": 0}]})
        r = ctl("describe", "--remote", OUTLIERD.target, "greeter.Nope")
        self.assertExit(r, 2, "describe an unknown symbol")
        self.assertIn("no service, method, message or enum named 'greeter.Nope'", r.stderr)

    def test_unary(self):
        r = ctl("call", "--remote", OUTLIERD.target, "greeter.Greeter/SayHello", "-d", '{"name": "desk"}')
        self.assertExit(r, 0, "SayHello")
        self.assertEqual(json_lines(r.stdout), [{"message": "Hello desk"}])

    def test_server_streaming(self):
        r = ctl("call", "--remote", OUTLIERD.target, "greeter.Greeter/GetStockPrice", "-d", '{"symbol":"ACME"}')
        self.assertExit(r, 0, "GetStockPrice")
        ticks = json_lines(r.stdout)
        self.assertEqual(len(ticks), 5)
        for tick in ticks:
            self.assertEqual(tick["symbol"], "ACME")
            self.assertTrue(500 <= tick["price"] <= 600, tick)

    def test_client_streaming_from_d_and_from_a_file(self):
        r = ctl("call", "--remote", OUTLIERD.target, "greeter.Greeter/RecordMetrics",
                "-d", '{"value": 1}\n{"value": 2.5}\n\n{"value": 5.5}')
        self.assertExit(r, 0, "RecordMetrics -d")
        self.assertEqual(json_lines(r.stdout), [{"count": 3, "average": 3.0}])
        f = self.write("values.jsonl", '{"value": 4}\n')
        r = ctl("call", "--remote", OUTLIERD.target, "greeter.Greeter/RecordMetrics", "-d", "@" + f)
        self.assertEqual(json_lines(r.stdout), [{"count": 1, "average": 4.0}])
        r = ctl("call", "--remote", OUTLIERD.target, "greeter.Greeter/RecordMetrics", "-d", "@-",
                input_text="")
        self.assertExit(r, 0, "an empty stream")
        self.assertEqual(json_lines(r.stdout), [{"count": 0, "average": 0.0}], "zeros are printed, not {}")

    def test_bidi_from_stdin(self):
        r = ctl("call", "--remote", OUTLIERD.target, "greeter.Greeter/Chat", "--verbose",
                input_text='{"user": "ana", "message": "hi"}\n{"user": "ana", "message": "bye"}\n')
        self.assertExit(r, 0, "Chat")
        self.assertEqual(json_lines(r.stdout), [{"user": "Server", "message": "Server received: hi"},
                                                {"user": "Server", "message": "Server received: bye"}])
        self.assertIn("< status OK", r.stderr)

    def test_unknown_method_and_service(self):
        cases = [("greeter.Greeter/SayHi", "greeter.Greeter has no method SayHi (it has: SayHello, "
                  "GetStockPrice, RecordMetrics, Chat; names are case-sensitive)"),
                 ("nope.Svc/M", "unknown service nope.Svc"),
                 ("SayHello", "write it as package.Service/Method")]
        for method, message in cases:
            with self.subTest(method):
                r = ctl("call", "--remote", OUTLIERD.target, method)
                self.assertExit(r, 2, method)
                self.assertIn(message, r.stderr)

    def test_bad_json_names_line_and_column(self):
        f = self.write("req.json", '{\n  "name": "a",\n  "name2" "b"\n}\n')
        cases = [
            (["-d", '{"name": desk}'], "-d:1:10: expected a value"),
            (["-d", "@" + f], f + ":3:11: expected ':' after the field name"),
            (["-d", '{"nme": "x"}'], "-d:1:2: "),
            (["-d", '{"name": 5}'], "-d:1:2: "),
            (["-d", '{"name": "a"} {}'], "one message at a time"),
        ]
        for extra, message in cases:
            with self.subTest(" ".join(extra)):
                r = ctl("call", "--remote", OUTLIERD.target, "greeter.Greeter/SayHello", *extra)
                self.assertExit(r, 2, " ".join(extra))
                self.assertIn(message, r.stderr)
                self.assertEqual(r.stdout, "", "nothing is called with a bad request")
        r = ctl("call", "--remote", OUTLIERD.target, "greeter.Greeter/Chat",
                input_text='{"user": "a", "message": "ok"}\n{"user": "a", "mesage": "typo"}\n')
        self.assertExit(r, 2, "a bad line on stdin of a bidi stream")
        self.assertRegex(r.stderr, r"<stdin>:2:\d+: .*mesage")
        self.assertIn("the call was cancelled", r.stderr)

    def test_outlierd_survives_reflection_streams(self):
        # grpc++'s reflection is a sync-API stream: its end once crashed outlierd's call log.
        srv = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0"])
        self.addCleanup(srv.stop)
        for _ in range(3):
            self.assertExit(ctl("list", "--remote", srv.target), 0, "list")
        self.assertIsNone(srv.proc.poll(), "outlierd ended: %s" % srv.stderr()[-2000:])
        self.assertExit(ctl("health", "--remote", srv.target), 0, "health after reflection")
        self.assertIn("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", srv.stderr())

    def test_health(self):
        r = ctl("health", "--remote", OUTLIERD.target)
        self.assertExit(r, 0, "health")
        self.assertEqual(r.stdout, "SERVING\n")
        r = ctl("health", "--remote", OUTLIERD.target, "--service", "no.Such")
        self.assertExit(r, 3, "an unknown service")
        self.assertIn("NOT_FOUND", r.stderr)
        self.assertIn("knows no service named 'no.Such'", r.stderr)
        r = ctl("health", "--remote", "127.0.0.1:%d" % u.free_port(), "--deadline-ms", "3000")
        self.assertExit(r, 3, "nothing listening")
        self.assertIn("UNAVAILABLE", r.stderr)

    def test_health_not_serving_exits_1(self):
        # A draining outlierd answers NOT_SERVING: the check succeeded and the answer is "no", so
        # exit 1 (as detect --fail-on-outliers), not 3.
        srv = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0", "--drain-delay-ms", "20000"])
        self.addCleanup(srv.stop)
        self.assertExit(ctl("health", "--remote", srv.target), 0, "before draining")
        srv.proc.send_signal(signal.SIGTERM)
        answers = []
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            r = ctl("health", "--remote", srv.target, "--deadline-ms", "3000")
            answers.append((r.returncode, r.stdout))
            if r.returncode != 0:
                break
            time.sleep(0.05)
        self.assertEqual(answers[-1], (1, "NOT_SERVING\n"), "while draining")
        self.assertIn("outlierctl: %s is NOT_SERVING" % srv.target, r.stderr)
        r = ctl("health", "--remote", srv.target, "--service", "no.Such", "--deadline-ms", "3000")
        self.assertExit(r, 3, "an unknown service is a failed check, draining or not")
        self.assertIn("NOT_FOUND", r.stderr)


class ProtoFiles(Base):
    """Against api.Api in Python: no reflection, so the methods come from .proto files."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="od-api-")
        cls.api = ApiServer(cls.dir)

    @classmethod
    def tearDownClass(cls):
        cls.api.stop()
        shutil.rmtree(cls.dir, True)

    def proto_args(self):
        return ["--proto", self.api.api_proto, "-I", self.api.proto_dir]

    def test_no_reflection_says_to_use_proto(self):
        self.api.reflection_asks.asks.clear()
        r = ctl("list", "--remote", self.api.target, "--header", "x-probe: 42")
        self.assertExit(r, 3, "list without reflection")
        self.assertIn("offers no reflection", r.stderr)
        self.assertIn("--proto FILE", r.stderr)
        # v1 first, then v1alpha, each with the call's metadata.
        self.assertEqual([(path, meta.get("x-probe")) for path, meta in self.api.reflection_asks.asks], [
            ("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", "42"),
            ("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", "42"),
        ])

    def test_list_from_files_needs_no_server(self):
        r = ctl("list", *self.proto_args(), "api.Api")
        self.assertExit(r, 0, "list --proto")
        self.assertEqual(r.stdout.splitlines(), [
            "api.Api/sayHello (unary) api.HelloRequest -> api.Hello",
            "api.Api/getAll (unary) api.ApiRequest -> api.Items",
            "api.Api/getStream (server streaming) api.ApiRequest -> api.Item",
        ])

    def test_get_all_and_get_stream(self):
        r = ctl("call", "--remote", self.api.target, *self.proto_args(), "api.Api/getAll", "-d", '{"length": 3}')
        self.assertExit(r, 0, "getAll")
        expected = [{"id": i, "name": "name %d" % i} for i in (1, 2, 3)]
        self.assertEqual(json_lines(r.stdout), [{"items": expected}])
        r = ctl("call", "--remote", self.api.target, *self.proto_args(), "api.Api/getStream", "-d", '{"length":3}')
        self.assertExit(r, 0, "getStream")
        self.assertEqual(json_lines(r.stdout), expected)
        r = ctl("call", "--remote", self.api.target, *self.proto_args(), "api.Api/getStream", "-d", '{"length":2}',
                "--verbose")
        self.assertEqual(r.stderr, "< x-served-by: python-api\n< trailer x-items: 2\n< status OK\n")
        r = ctl("call", "--remote", self.api.target, *self.proto_args(), "api.Api/sayHello", "-d", "@-",
                input_text='{\n "name": "py"\n}\n')
        self.assertEqual(json_lines(r.stdout), [{"message": "Hello py!"}])

    def test_message_size_and_deadline_in_words(self):
        # About 1.2 MB of items against a 1 MB limit on this side.
        r = ctl("call", "--remote", self.api.target, *self.proto_args(), "api.Api/getAll",
                "-d", '{"length": 70000}', "--max-message-mb", "1")
        self.assertExit(r, 3, "a reply over --max-message-mb")
        self.assertIn("RESOURCE_EXHAUSTED", r.stderr)
        self.assertIn("raise --max-message-mb", r.stderr)
        r = ctl("call", "--remote", self.api.target, *self.proto_args(), "api.Api/getAll",
                "-d", '{"length": 70000}', "--max-message-mb", "4")
        self.assertExit(r, 0, "the same under a higher limit")
        self.assertEqual(len(json_lines(r.stdout)[0]["items"]), 70000)
        r = ctl("call", "--remote", OUTLIERD.target, "greeter.Greeter/GetStockPrice", "-d", '{"symbol": "D"}',
                "--deadline-ms", "700")
        self.assertExit(r, 3, "a stream past its deadline")
        self.assertIn("DEADLINE_EXCEEDED", r.stderr)
        self.assertIn("raise the deadline (--deadline-ms)", r.stderr)
        self.assertGreaterEqual(len(json_lines(r.stdout)), 1, "what came before the deadline is printed")

    def test_missing_import_path(self):
        # Read from its own directory (api/), api.proto cannot find api/types/items.proto.
        r = ctl("list", "--proto", self.api.api_proto)
        self.assertExit(r, 2, "no -I")
        self.assertRegex(r.stderr, r'api\.proto:3:1: Import "api/types/items.proto" was not found')
        self.assertIn("add the directory that holds it with -I DIR", r.stderr)
        r = ctl("list", "--proto", self.path("missing.proto"))
        self.assertExit(r, 2, "a missing file")
        self.assertIn("missing.proto: cannot read the .proto file", r.stderr)
        bad = self.write("bad.proto", 'syntax = "proto3";\nmessage A {\n  strin x = 1;\n}\n')
        r = ctl("list", "--proto", bad)
        self.assertExit(r, 2, "a .proto with an error")
        self.assertRegex(r.stderr, r"bad\.proto:3:\d+: ")

    def test_method_missing_on_the_server(self):
        # The .proto says more than the server offers: the server's UNIMPLEMENTED, in words.
        extra = self.write("extra.proto", 'syntax = "proto3";\npackage api;\nmessage E {}\n'
                                          'service Api { rpc gone(E) returns (E); }\n')
        r = ctl("call", "--remote", self.api.target, "--proto", extra, "api.Api/gone")
        self.assertExit(r, 3, "UNIMPLEMENTED")
        self.assertIn("UNIMPLEMENTED", r.stderr)
        self.assertIn("the server does not offer this method", r.stderr)


class ReflectionVersions(Base):
    """api.Api in Python serving reflection v1 only, then v1alpha only: list, describe and call
    work from either, with no .proto file; v1 is asked first, v1alpha only when v1 is missing."""

    V1 = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"
    V1ALPHA = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"

    def check_version(self, version, expected_asks):
        api = ApiServer(self.path(version), reflection=(version,))
        self.addCleanup(api.stop)
        r = ctl("list", "--remote", api.target, "--header", "x-probe: 7")
        self.assertExit(r, 0, "list over " + version)
        self.assertEqual(r.stdout.splitlines()[0], "api.Api")
        self.assertEqual([path for path, _ in api.reflection_asks.asks], expected_asks)
        self.assertTrue(all(meta.get("x-probe") == "7" for _, meta in api.reflection_asks.asks))
        r = ctl("list", "--remote", api.target, "api.Api")
        self.assertExit(r, 0, "list api.Api over " + version)
        self.assertEqual(r.stdout.splitlines(), [
            "api.Api/sayHello (unary) api.HelloRequest -> api.Hello",
            "api.Api/getAll (unary) api.ApiRequest -> api.Items",
            "api.Api/getStream (server streaming) api.ApiRequest -> api.Item",
        ])
        # api.Items is in the imported file, which the server sends only when asked by name.
        r = ctl("describe", "--remote", api.target, "api.Items")
        self.assertExit(r, 0, "describe over " + version)
        self.assertIn("message Items", r.stdout)
        self.assertIn("repeated .api.Item items = 1;", r.stdout)
        r = ctl("call", "--remote", api.target, "api.Api/getAll", "-d", '{"length": 2}')
        self.assertExit(r, 0, "call over " + version)
        self.assertEqual(json_lines(r.stdout), [{"items": [{"id": 1, "name": "name 1"}, {"id": 2, "name": "name 2"}]}])

    def test_v1_only(self):
        # Listing, the files of the services, then the imported file asked for by name.
        self.check_version("v1", [self.V1] * 3)

    def test_v1alpha_only(self):
        self.check_version("v1alpha", [self.V1] + [self.V1ALPHA] * 3)


class Tls(Base):
    def test_tls_mistakes_in_words(self):
        make_certs(self.tmp)
        srv = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0", "--tls-cert", self.path("server.pem"),
                               "--tls-key", self.path("server.key")])
        self.addCleanup(srv.stop)
        r = ctl("call", "--remote", srv.target, "--ca", self.path("ca.pem"), "greeter.Greeter/SayHello",
                "-d", '{"name": "tls"}')
        self.assertExit(r, 0, "reflection and the call over TLS")
        self.assertEqual(json_lines(r.stdout), [{"message": "Hello tls"}])
        cases = [
            ([], "does it expect TLS? try --tls or --ca FILE"),
            (["--ca", self.path("other-ca.pem")], "not signed by a CA you trust"),
            (["--ca", self.path("ca.pem"), "--server-name", "wrong.example"], "--server-name"),
        ]
        for extra, message in cases:
            with self.subTest(" ".join(extra) or "plaintext"):
                r = ctl("call", "--remote", srv.target, "--deadline-ms", "5000", *extra, "greeter.Greeter/SayHello")
                self.assertExit(r, 3, " ".join(extra))
                self.assertIn("UNAVAILABLE", r.stderr)
                self.assertIn(message, r.stderr)
        r = ctl("call", "--remote", OUTLIERD.target, "--ca", self.path("ca.pem"), "--deadline-ms", "5000",
                "greeter.Greeter/SayHello")
        self.assertExit(r, 3, "TLS to a plaintext server")
        self.assertIn("the server does not speak TLS", r.stderr)

    def test_missing_client_certificate(self):
        make_certs(self.tmp)
        srv = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0", "--tls-cert", self.path("server.pem"),
                               "--tls-key", self.path("server.key"), "--tls-client-ca", self.path("ca.pem")])
        self.addCleanup(srv.stop)
        r = ctl("health", "--remote", srv.target, "--ca", self.path("ca.pem"), "--deadline-ms", "5000")
        self.assertExit(r, 3, "no client certificate")
        self.assertIn("it may want a client certificate, give one with --cert FILE --key FILE", r.stderr)


def main():
    global ARGS, OUTLIERD
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--outlierctl", required=True)
    ap.add_argument("--outlierd", required=True)
    ARGS, rest = ap.parse_known_args(sys.argv[1:])
    import test_cli
    test_cli.ARGS = ARGS
    OUTLIERD = u.ServerProcess([ARGS.outlierd, "--listen", "127.0.0.1:0", "--log-format", "none"])
    try:
        prog = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
        return 0 if prog.result.wasSuccessful() else 1
    finally:
        u._stop_all()


if __name__ == "__main__":
    sys.exit(main())
