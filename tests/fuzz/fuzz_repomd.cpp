// repomd.xml as a metadata refresh reads it (before any checksum in it is used).
#include "FuzzSupport.hpp"
#include "repodata/Repomd.hpp"

#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = mpm::fuzz::writeFile("repomd.xml", data, size);
    try {
        mpm::repodata::Repomd md = mpm::repodata::Repomd::parseFile(path);
        for (const char* type : {"primary", "filelists", "modules"}) md.find(type);
    } catch (const std::runtime_error&) {
        // parseFile's documented failure: "not valid repomd.xml", with libsolv's reason.
    }
    return 0;
}
