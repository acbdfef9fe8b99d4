// modules.yaml (modulemd v2 streams, defaults, obsoletes) as mpm reads one repository's file,
// then the stream selection mpm runs on it.
#include <string>
#include <vector>

#include "FuzzSupport.hpp"
#include "common/Error.hpp"
#include "libmodule/module/ModuleMetadata.hpp"
#include "libmodule/module/ModuleStates.hpp"
#include "libmodule/module/Platform.hpp"
#include "libmodule/module/StreamSelector.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    // Two repositories when the input has a form feed: the merge (priorities, conflicting
    // defaults) is fuzzed too.
    std::vector<mpm::module::ModuleMetadata::RepoModules> inputs;
    const size_t ff = text.find('\f');
    inputs.push_back({"one", 10, text.substr(0, ff)});
    if (ff != std::string::npos) inputs.push_back({"two", 10, text.substr(ff + 1)});
    std::vector<std::string> warnings;
    try {
        mpm::module::ModuleMetadata md =
            mpm::module::ModuleMetadata::fromDocuments(inputs, warnings);
        mpm::module::Platform platform;
        platform.name = "platform";
        platform.stream = "el8";
        mpm::module::StreamSelector selector(md, platform, "x86_64");
        selector.select(mpm::module::ModuleStates{});
    } catch (const mpm::Error&) {
    }
    return 0;
}
