#pragma once
// outlierctl's exit codes, part of the contract (CONTRACT.md section 2).

namespace od::cli {

constexpr int kExitOk = 0;
constexpr int kExitOutliersFound = 1; // detect --fail-on-outliers: something was flagged
// health: the check was answered, and the answer is "not serving" (NOT_SERVING, UNKNOWN, ...).
// The same meaning as kExitOutliersFound: the question was asked and the answer is bad.
constexpr int kExitNotServing = 1;
constexpr int kExitBadInput = 2; // bad usage or unreadable input; the message says where
constexpr int kExitRemoteFailed = 3; // a remote call failed; the message has the gRPC status

} // namespace od::cli
