// outlierctl render in a build without the chart library (-DOD_CLI_RENDER=OFF, as in the
// container image, whose outlierctl links no Qt): says so instead of an unknown command.

#include "commands.h"
#include "exit_codes.h"

#include <iostream>

namespace od::cli {

int runRender(const std::vector<std::string>&)
{
    std::cerr << "outlierctl render: this outlierctl was built without render (-DOD_CLI_RENDER=OFF, so that it "
                 "needs no Qt); draw the chart with the outlierctl of the outlierdesk package, or `outlierctl "
                 "detect` for the outliers as text\n";
    return kExitBadInput;
}

} // namespace od::cli
