"""An api.Api server as the one in the wild (CONTRACT.md section 1): written in Python with
grpcio from the contract alone, serving no reflection. Its .proto files are written here at run
time, in two files so that clients need an import path: api/api.proto imports
api/types/items.proto.

    with ApiServer(workdir) as srv:      # srv.target "127.0.0.1:PORT", srv.proto_dir
        ...
"""
import importlib
import os
import subprocess
import sys
from concurrent import futures

import grpc

ITEMS_PROTO = """syntax = "proto3";
package api;
message Item { int32 id = 1; string name = 2; }
message Items { repeated Item items = 1; }
"""

API_PROTO = """syntax = "proto3";
package api;
import "api/types/items.proto";
message HelloRequest { string name = 1; }
message Hello { string message = 1; }
message ApiRequest { int32 length = 1; }
service Api {
  rpc sayHello(HelloRequest) returns (Hello);
  rpc getAll(ApiRequest) returns (Items);
  rpc getStream(ApiRequest) returns (stream Item);
}
"""


def write_protos(root):
    """Writes root/api/api.proto and root/api/types/items.proto; returns (api.proto, root)."""
    os.makedirs(os.path.join(root, "api", "types"), exist_ok=True)
    with open(os.path.join(root, "api", "types", "items.proto"), "w") as f:
        f.write(ITEMS_PROTO)
    api = os.path.join(root, "api", "api.proto")
    with open(api, "w") as f:
        f.write(API_PROTO)
    return api, root


class ReflectionAsks(grpc.GenericRpcHandler):
    """Serves no reflection, as the server in the wild, but records each attempt: the method path
    and the metadata it came with, so tests can see that the call's headers go along."""

    def __init__(self):
        self.asks = []

    def service(self, handler_call_details):
        if "ServerReflection" in handler_call_details.method:
            self.asks.append((handler_call_details.method, dict(handler_call_details.invocation_metadata)))
        return None  # UNIMPLEMENTED, as for any method the server does not have


class ApiServer:
    def __init__(self, workdir):
        self.proto_dir = os.path.join(workdir, "protos")
        self.api_proto, _ = write_protos(self.proto_dir)
        stubs = os.path.join(workdir, "stubs")
        os.makedirs(stubs, exist_ok=True)
        subprocess.run(["protoc", "-I", self.proto_dir, "--python_out=" + stubs,
                        "api/api.proto", "api/types/items.proto"], check=True, timeout=60)
        sys.path.insert(0, stubs)
        importlib.invalidate_caches()
        api = importlib.import_module("api.api_pb2")
        items = importlib.import_module("api.types.items_pb2")

        def items_of(request):
            return [items.Item(id=i, name="name %d" % i) for i in range(1, request.length + 1)]

        def say_hello(request, _context):
            return api.Hello(message="Hello " + request.name + "!")

        def get_all(request, _context):
            return items.Items(items=items_of(request))

        def get_stream(request, context):
            context.send_initial_metadata((("x-served-by", "python-api"),))
            context.set_trailing_metadata((("x-items", str(request.length)),))
            yield from items_of(request)

        handlers = {
            "sayHello": grpc.unary_unary_rpc_method_handler(
                say_hello, api.HelloRequest.FromString, api.Hello.SerializeToString),
            "getAll": grpc.unary_unary_rpc_method_handler(
                get_all, api.ApiRequest.FromString, items.Items.SerializeToString),
            "getStream": grpc.unary_stream_rpc_method_handler(
                get_stream, api.ApiRequest.FromString, items.Item.SerializeToString),
        }
        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        self.reflection_asks = ReflectionAsks()
        self.server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler("api.Api", handlers),
                                              self.reflection_asks))
        self.port = self.server.add_insecure_port("127.0.0.1:0")
        self.server.start()
        self.target = "127.0.0.1:%d" % self.port

    def stop(self):
        self.server.stop(grace=1).wait(5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
