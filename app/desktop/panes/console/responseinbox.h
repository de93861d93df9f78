#pragma once
// Where a console call's responses wait for the GUI thread (threads/floodinbox.h): one line of
// JSON each, with its time offset and the charted field's value.

#include "desktop/threads/floodinbox.h"

#include <limits>
#include <string>

struct ConsoleResponse
{
    double offsetMs; // since the call started
    std::string json; // one line; or the reason it could not be read, when unreadable
    bool unreadable = false;
    double value = std::numeric_limits<double>::quiet_NaN(); // the charted field, if any
};

class ResponseInbox : public FloodInbox<ConsoleResponse>
{
public:
    using Response = ConsoleResponse;
    using FloodInbox::FloodInbox;
};
