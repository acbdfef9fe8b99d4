#include "libmodule/module/ModuleSpec.hpp"

#include <vector>

namespace mpm::module {

ModuleSpec ModuleSpec::parse(const std::string& text) {
    ModuleSpec s;
    s.text = text;
    std::string rest = text;
    const size_t slash = rest.find('/');
    if (slash != std::string::npos) {
        s.profile = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
        if (s.profile.empty())
            throw ModuleError("'" + text + "' names no profile after '/'; write " + rest + " or " +
                              rest + "/PROFILE");
    }
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        const size_t colon = rest.find(':', start);
        parts.push_back(rest.substr(start, colon - start));
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    if (parts.size() > 5) throw ModuleError("'" + text + "' is not NAME[:STREAM][/PROFILE]");
    for (size_t i = 0; i < parts.size(); ++i)
        if (parts[i].empty()) {
            if (i == 0) throw ModuleError("'" + text + "' names no module");
            throw ModuleError("'" + text + "' names no " +
                              (i == 1   ? "stream"
                               : i == 2 ? "version"
                                        : "context") +
                              " after ':'; write " + parts[0] + " or " + parts[0] + ":STREAM");
        }
    s.name = parts[0];
    if (parts.size() > 1) s.stream = parts[1];
    if (parts.size() > 2) s.version = parts[2];
    if (parts.size() > 3) s.context = parts[3];
    if (parts.size() > 4) s.arch = parts[4];
    return s;
}

}  // namespace mpm::module
