#!/usr/bin/python3
"""Writes the seed corpora of the protobuf and follow fuzz targets (tests/fuzz/corpus/).

The protobuf seeds are text-format messages encoded with protoc (`protoc --encode`), plus a few
cut and broken copies; the follow seeds are short scripts in fuzz_follow's own byte code. The
seeds are committed; run this again only after changing it:

    /usr/bin/python3 tests/fuzz/make_seeds.py
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "proto"))
CORPUS = os.path.join(HERE, "corpus")


def encode(message_type, proto_file, text):
    done = subprocess.run(["protoc", "-I", PROTO_DIR, "-I", "/usr/include", "--encode=" + message_type, proto_file],
                          input=text.encode(), capture_output=True, timeout=60)
    if done.returncode != 0:
        sys.exit("make_seeds: protoc --encode %s failed: %s" % (message_type, done.stderr.decode()))
    return done.stdout


def write(folder, name, data):
    os.makedirs(os.path.join(CORPUS, folder), exist_ok=True)
    with open(os.path.join(CORPUS, folder, name), "wb") as f:
        f.write(data)


def metric(value, seconds=None, nanos=0, name=None):
    parts = ["metrics {"]
    if seconds is not None:
        parts.append(" time { seconds: %d nanos: %d }" % (seconds, nanos))
    if name is not None:
        parts.append(' name: "%s"' % name)
    parts.append(" value: %s }" % value)
    return "".join(parts)


def outliers_wire():
    reference = [1, 2, 100, 1, 3, 200, 1]  # CONTRACT.md's example: answer [5]
    full = "\n".join(metric(v, 1_700_000_000 + i, 500, "cpu") for i, v in enumerate(reference))
    seeds = {
        "empty.bin": b"",
        "reference_example.bin": encode("pb.OutliersRequest", "pb/outliers.proto", full),
        "values_only.bin": encode("pb.OutliersRequest", "pb/outliers.proto",
                                  "\n".join(metric(v) for v in (0.5, -2, 1e300, 3))),
        "missing_values.bin": encode("pb.OutliersRequest", "pb/outliers.proto",
                                     "\n".join(metric(v) for v in ("nan", "inf", "-inf", 4))),
        "far_times.bin": encode("pb.OutliersRequest", "pb/outliers.proto",
                                "\n".join([metric(1, -62135596800), metric(2, 253402300799, 999999999)])),
    }
    for name, data in seeds.items():
        write("outliers_wire", name, data)
    whole = seeds["reference_example.bin"]
    write("outliers_wire", "cut_in_a_metric.bin", whole[: len(whole) // 2 + 3])
    # An unknown field (15, varint) and a group (16) between the metrics: skipped, as protobuf does.
    write("outliers_wire", "unknown_fields.bin", b"\x78\x2a" + whole[:13] + b"\x83\x01\x08\x01\x84\x01")
    write("outliers_wire", "bad_wire_type.bin", b"\x0f\x00")


def detector_request():
    series = "series { name: \"cpu\" %s }" % " ".join(
        "values: %s" % v for v in (1, 2, 100, 1, 3, 200, 1, "nan", 2, 1, 2, 3, 1, 2, 50, 1))
    timed = "series { %s }" % " ".join(
        "values: %d times_unix_nanos: %d" % (1 + (i % 4) + (30 if i == 20 else 0), 1_700_000_000_000_000_000 + i * 60_000_000_000)
        for i in range(32))
    requests = {
        "zscore.bin": "params { method: \"zscore\" threshold: 2 } " + series,
        "server_rule.bin": series,
        "mad_point_band.bin": "params { method: \"mad\" threshold: 3.5 } point_band: true " + series,
        "iqr.bin": "params { method: \"iqr\" threshold: 1.5 } " + series,
        "rolling.bin": "params { method: \"rolling\" window: 5 } point_band: true " + series,
        "hampel.bin": "params { method: \"hampel\" window: 3 threshold: 3 } " + series,
        "esd_timed.bin": "params { method: \"esd\" max_anoms: 0.1 direction: DIRECTION_UP } " + timed,
        "esd_period.bin": "params { method: \"esd\" period: 4 threshold: 0.05 } point_band: true " + timed,
        "unknown_method.bin": "params { method: \"nope\" } " + series,
        "bad_threshold.bin": "params { method: \"zscore\" threshold: -1 } " + series,
        "times_mismatch.bin": "params { method: \"zscore\" } series { values: 1 values: 2 times_unix_nanos: 5 }",
        "empty_series.bin": "params { method: \"rolling\" }",
    }
    for name, text in requests.items():
        write("detector_request", name, encode("outlierdesk.v1.DetectRequest", "outlierdesk/v1/detector.proto", text))


def follow():
    # fuzz_follow's byte code: 'A' n bytes: append; 'T' k: truncate to k/255 of the file;
    # 'R' n bytes: replace the file (renamed over it); 'D': move it away; 'L': look.
    def text(op, s):
        b = s.encode()
        return op + bytes([len(b)]) + b

    header = text(b"A", "timestamp,value\n1700000000,1\n1700000001,2\n")
    seeds = {
        "grow.bin": header + b"L" + text(b"A", "1700000002,3\n17000") + b"L" + text(b"A", "00003,90\n") + b"L",
        "truncate.bin": header + b"L" + b"T\x40" + b"L" + text(b"A", "1700000009,4\n") + b"L",
        "rotate.bin": header + b"L" + text(b"R", "timestamp,value\n1700000100,7\n") + b"L"
        + text(b"A", "1700000101,8\n") + b"L",
        "delete.bin": header + b"L" + b"D" + b"L" + text(b"A", "timestamp,value\n5,5\n") + b"L",
        "long_form.bin": text(b"A", "ts,name,value\n1,a,1\n1,b,2\n") + b"L" + text(b"A", "2,c,3\n2,a,x\n") + b"L",
        "no_header.bin": text(b"A", "1,1\n2,2\n") + b"L" + text(b"A", "3,3\n") + b"L",
        "bad_rows.bin": header + b"L" + text(b"A", "nonsense\n\n1700000005,\"7\"\n") + b"L",
    }
    for name, data in seeds.items():
        write("follow", name, data)


if __name__ == "__main__":
    outliers_wire()
    detector_request()
    follow()
