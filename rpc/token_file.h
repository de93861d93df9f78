#pragma once
// The token file that outlierd --token-file and outlierctl --token-file both read, so a file
// written for the server works unchanged for the client.

#include <string>
#include <string_view>
#include <vector>

namespace od::rpc {

// Reads tokens from a file: one per line, surrounding blanks ignored, empty lines and lines
// starting with '#' skipped (several lines let a token be rotated without downtime). An empty
// list means the file could not be read or held no token; error says which.
std::vector<std::string> readTokenFile(const std::string& path, std::string& error);

// A token without the blanks around it: the file's rule, also applied to the token a call
// sends, so a stray space or CR on either side does not lock a client out.
std::string_view trimToken(std::string_view s);

} // namespace od::rpc
