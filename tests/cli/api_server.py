"""An api.Api server as the one in the wild (CONTRACT.md section 1): written in Python with
grpcio from the contract alone, serving no reflection. Its .proto files are written here at run
time, in two files so that clients need an import path: api/api.proto imports
api/types/items.proto.

    with ApiServer(workdir) as srv:      # srv.target "127.0.0.1:PORT", srv.proto_dir
        ...

ApiServer(workdir, reflection=("v1",)) also serves server reflection, in the versions named
("v1", "v1alpha"), answered here from the descriptors protoc made: grpc++ 1.51 (Debian's) serves
only v1alpha, so this is the v1 server a client can be tested against.
"""
import importlib
import os
import subprocess
import sys
from concurrent import futures

import grpc

MIRROR_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "proto")

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


REFLECTION_PATH = "/grpc.reflection.%s.ServerReflection/ServerReflectionInfo"


class ReflectionAsks(grpc.GenericRpcHandler):
    """Records each reflection call: the method path and the metadata it came with, so tests can
    see which version was asked and that the call's headers go along. A version not in `served`
    is UNIMPLEMENTED, as for any method the server does not have."""

    def __init__(self, served=None):
        self.asks = []
        self.served = served or {}  # path -> handler

    def service(self, handler_call_details):
        if "ServerReflection" in handler_call_details.method:
            self.asks.append((handler_call_details.method, dict(handler_call_details.invocation_metadata)))
        return self.served.get(handler_call_details.method)


def reflection_handler(reflection_pb2, files, service_names):
    """The ServerReflectionInfo stream over `files` (protobuf FileDescriptors): lists the
    services, and answers file_containing_symbol and file_by_filename with the one file asked
    for, without its imports, so that a client must ask for those by name as the protocol
    allows."""
    by_name = {f.name: f for f in files}
    by_symbol = {}
    for f in files:
        for service in f.services_by_name.values():
            by_symbol[service.full_name] = f
            for method in service.methods:
                by_symbol[method.full_name] = f
        for message in f.message_types_by_name.values():
            by_symbol[message.full_name] = f

    def info(requests, _context):
        for request in requests:
            response = reflection_pb2.ServerReflectionResponse(valid_host=request.host, original_request=request)
            kind = request.WhichOneof("message_request")
            found = None
            if kind == "list_services":
                for name in service_names:
                    response.list_services_response.service.add(name=name)
            elif kind == "file_containing_symbol":
                found = by_symbol.get(request.file_containing_symbol)
            elif kind == "file_by_filename":
                found = by_name.get(request.file_by_filename)
            if found is not None:
                response.file_descriptor_response.file_descriptor_proto.append(found.serialized_pb)
            elif kind != "list_services":
                response.error_response.error_code = grpc.StatusCode.NOT_FOUND.value[0]
                response.error_response.error_message = "not found"
            yield response

    return grpc.stream_stream_rpc_method_handler(
        info, reflection_pb2.ServerReflectionRequest.FromString, reflection_pb2.ServerReflectionResponse.SerializeToString)


class ApiServer:
    def __init__(self, workdir, reflection=()):
        self.proto_dir = os.path.join(workdir, "protos")
        self.api_proto, _ = write_protos(self.proto_dir)
        stubs = os.path.join(workdir, "stubs")
        os.makedirs(stubs, exist_ok=True)
        subprocess.run(["protoc", "-I", self.proto_dir, "--python_out=" + stubs,
                        "api/api.proto", "api/types/items.proto"], check=True, timeout=60)
        # The reflection messages: the project's own copy (the same wire format as v1 and v1alpha).
        subprocess.run(["protoc", "-I", MIRROR_DIR, "--python_out=" + stubs, "outlierdesk/mirror/reflection.proto"],
                       check=True, timeout=60)
        sys.path.insert(0, stubs)
        importlib.invalidate_caches()
        api = importlib.import_module("api.api_pb2")
        items = importlib.import_module("api.types.items_pb2")
        reflection_pb2 = importlib.import_module("outlierdesk.mirror.reflection_pb2")

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
        served = {}
        for version in reflection:
            served[REFLECTION_PATH % version] = reflection_handler(
                reflection_pb2, [api.DESCRIPTOR, items.DESCRIPTOR],
                ["api.Api"] + ["grpc.reflection.%s.ServerReflection" % v for v in reflection])
        self.reflection_asks = ReflectionAsks(served)
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
