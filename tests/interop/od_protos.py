"""Python stubs for the two seed-compatible services (pb.Outliers, greeter.Greeter) and our own
outlierdesk.v1.Detector.

Nothing generated is committed: the stubs are generated with protoc and the gRPC Python plugin
of the Debian packages into a directory at run time, then imported from there.

    stubs = od_protos.load(proto_dir, stub_dir)   # stub_dir None = a private temporary dir
    stubs.outliers_pb2.OutliersRequest(...)
    stubs.greeter_pb2_grpc.GreeterStub(channel)
"""
import atexit
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import types

PROTO_FILES = ("pb/outliers.proto", "greeter/greeter.proto", "outlierdesk/v1/detector.proto")
GENERATED = (
    "pb/outliers_pb2.py",
    "pb/outliers_pb2_grpc.py",
    "greeter/greeter_pb2.py",
    "greeter/greeter_pb2_grpc.py",
    "outlierdesk/v1/detector_pb2.py",
    "outlierdesk/v1/detector_pb2_grpc.py",
)
PROTOC = os.environ.get("OD_PROTOC", "protoc")
GRPC_PLUGIN = os.environ.get("OD_GRPC_PYTHON_PLUGIN", "/usr/bin/grpc_python_plugin")

_temp_dirs = []
_loaded = None


def default_proto_dir():
    """<repo>/proto, found from this file's place (<repo>/tests/interop/)."""
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "proto"))


def _up_to_date(proto_dir, stub_dir):
    try:
        newest_proto = max(os.path.getmtime(os.path.join(proto_dir, p)) for p in PROTO_FILES)
        oldest_stub = min(os.path.getmtime(os.path.join(stub_dir, g)) for g in GENERATED)
    except OSError:
        return False
    return oldest_stub >= newest_proto


def generate(proto_dir, stub_dir):
    """Runs protoc into stub_dir (created if needed). Raises RuntimeError on failure."""
    os.makedirs(stub_dir, exist_ok=True)
    cmd = [
        PROTOC,
        "-I", proto_dir,
        "--python_out=" + stub_dir,
        "--grpc_out=" + stub_dir,
        "--plugin=protoc-gen-grpc=" + GRPC_PLUGIN,
        *PROTO_FILES,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError("protoc failed (%d): %s\n%s" % (done.returncode, " ".join(cmd), done.stderr))
    missing = [g for g in GENERATED if not os.path.exists(os.path.join(stub_dir, g))]
    if missing:
        raise RuntimeError("protoc did not write " + ", ".join(missing))


def load(proto_dir=None, stub_dir=None):
    """Generates (if missing or older than the .proto files) and imports the stubs.

    Returns a namespace with outliers_pb2, outliers_pb2_grpc, greeter_pb2, greeter_pb2_grpc,
    detector_pb2, detector_pb2_grpc and stub_dir. The modules are imported once per process; later calls return the same namespace.
    """
    global _loaded
    if _loaded is not None:
        return _loaded
    proto_dir = os.path.abspath(proto_dir or default_proto_dir())
    if stub_dir is None:
        stub_dir = tempfile.mkdtemp(prefix="od-stubs-")
        _temp_dirs.append(stub_dir)
    stub_dir = os.path.abspath(stub_dir)
    if not _up_to_date(proto_dir, stub_dir):
        generate(proto_dir, stub_dir)
    # The generated modules import each other as pb.outliers_pb2, greeter.greeter_pb2 and
    # outlierdesk.v1.detector_pb2 (namespace packages rooted at stub_dir).
    sys.path.insert(0, stub_dir)
    importlib.invalidate_caches()
    ns = types.SimpleNamespace(
        stub_dir=stub_dir,
        outliers_pb2=importlib.import_module("pb.outliers_pb2"),
        outliers_pb2_grpc=importlib.import_module("pb.outliers_pb2_grpc"),
        greeter_pb2=importlib.import_module("greeter.greeter_pb2"),
        greeter_pb2_grpc=importlib.import_module("greeter.greeter_pb2_grpc"),
        detector_pb2=importlib.import_module("outlierdesk.v1.detector_pb2"),
        detector_pb2_grpc=importlib.import_module("outlierdesk.v1.detector_pb2_grpc"),
    )
    _loaded = ns
    return ns


@atexit.register
def _cleanup():
    for d in _temp_dirs:
        shutil.rmtree(d, ignore_errors=True)
