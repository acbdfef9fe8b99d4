// mpm-modulemd-parser: parses and merges the modules.yaml documents mpm hands it on stdin (see
// ModuleParse) and writes the encoded merge on stdout. A separate program so
// that a hostile document cannot reach mpm, and so that mpm does not load libmodulemd and GLib.
#include <unistd.h>

#include <string>

#include "common/Process.hpp"
#include "libmodule/module/ModuleMetadata.hpp"

namespace {

int run() {
    std::string request;
    if (!mpm::readAll(STDIN_FILENO, request)) return 3;
    std::string key;
    std::vector<mpm::module::ModuleMetadata::RepoModules> inputs;
    if (!mpm::module::ModuleMetadata::decodeRequest(request, key, inputs)) return 4;
    const std::string reply = mpm::module::ModuleMetadata::parseEncoded(inputs, key);
    return mpm::writeAll(STDOUT_FILENO, reply) ? 0 : 3;
}

}  // namespace

// _exit: what GLib and libmodulemd keep for the process's life is not torn down (nor reported
// as leaks under the sanitizers); the reply was written with write(2), nothing is buffered.
int main() {
    _exit(run());
}
