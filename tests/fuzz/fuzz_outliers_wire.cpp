// libFuzzer target for the pb.Outliers/Detect wire reader (rpc/outliers_wire): any bytes give
// values or an error with a message, never a crash, and the reader agrees with protobuf itself.
//
// - Bytes protobuf parses as a pb.OutliersRequest are read too, with the same values and times
//   (a reader that refused them would refuse a request every other server accepts). The reader
//   may accept more than protobuf (it does not check names), never less.
// - Asking for the times does not change the values.
// - What the reader gives, written back as a message, reads back the same (decoded == re-encoded).

#include "rpc/server/outliers_wire.h"

#include "pb/outliers.pb.h"

#include <google/protobuf/stubs/logging.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Protobuf logs every invalid UTF-8 string it meets; the fuzzer makes millions.
const google::protobuf::LogSilencer quiet;

[[noreturn]] void fail(const char* what)
{
    std::fprintf(stderr, "fuzz_outliers_wire: %s\n", what);
    std::abort();
}

void check(bool ok, const char* what)
{
    if (!ok)
        fail(what);
}

bool sameBits(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// The time protobuf's Timestamp stands for, in nanoseconds, held at the ends of int64 (the
// reader's promise for times beyond the years 1677 to 2262).
std::int64_t expectedNanos(const google::protobuf::Timestamp& t)
{
    const __int128 exact = static_cast<__int128>(t.seconds()) * 1'000'000'000 + t.nanos();
    if (exact > std::numeric_limits<std::int64_t>::max())
        return std::numeric_limits<std::int64_t>::max();
    if (exact < std::numeric_limits<std::int64_t>::min())
        return std::numeric_limits<std::int64_t>::min();
    return static_cast<std::int64_t>(exact);
}

// A Timestamp that reads back as nanos.
void setNanos(google::protobuf::Timestamp* t, std::int64_t nanos)
{
    std::int64_t seconds = nanos / 1'000'000'000;
    std::int64_t rest = nanos % 1'000'000'000;
    if (rest < 0) {
        rest += 1'000'000'000;
        --seconds;
    }
    t->set_seconds(seconds);
    t->set_nanos(static_cast<std::int32_t>(rest));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    std::vector<double> values;
    std::vector<std::int64_t> times;
    std::string error;
    const bool ok = od::rpc::readOutlierValues(bytes, values, &times, error);
    if (ok) {
        check(values.size() == times.size(), "one time per value");
    } else {
        check(!error.empty(), "a refusal without a message");
    }

    std::vector<double> valuesOnly;
    std::string errorOnly;
    const bool okOnly = od::rpc::readOutlierValues(bytes, valuesOnly, nullptr, errorOnly);
    // Without the times the reader skips Metric.time unread, so it may accept what it refused.
    check(okOnly || !ok, "asking for the times made a readable request unreadable");
    if (ok)
        check(sameBits(values, valuesOnly), "asking for the times changed the values");

    pb::OutliersRequest message;
    if (message.ParseFromArray(data, static_cast<int>(size))) {
        check(okOnly, "protobuf reads the request, the reader (without times) refuses it");
        check(ok, "protobuf reads the request, the reader (with times) refuses it");
        check(values.size() == static_cast<std::size_t>(message.metrics_size()), "metric count differs from protobuf");
        for (int i = 0; i < message.metrics_size(); ++i) {
            const double v = message.metrics(i).value();
            check(
                std::memcmp(&v, &values[static_cast<std::size_t>(i)], sizeof v) == 0, "a value differs from protobuf");
            check(times[static_cast<std::size_t>(i)] == expectedNanos(message.metrics(i).time()),
                "a time differs from protobuf");
        }
    }

    if (ok) {
        // What was read, written back: the same values and times again.
        pb::OutliersRequest again;
        for (std::size_t i = 0; i < values.size(); ++i) {
            auto* m = again.add_metrics();
            m->set_value(values[i]);
            if (times[i] != 0)
                setNanos(m->mutable_time(), times[i]);
        }
        const std::string wire = again.SerializeAsString();
        std::vector<double> values2;
        std::vector<std::int64_t> times2;
        std::string error2;
        check(od::rpc::readOutlierValues(wire, values2, &times2, error2), "a re-encoded request is refused");
        check(sameBits(values, values2), "re-encoding changed a value");
        check(times == times2, "re-encoding changed a time");
    }
    return 0;
}
