// Runs a package's shell scriptlets (%pre, %post, ...) with rpm's $1 convention (number of
// instances of the package after the operation), chrooted into the installroot. A scriptlet
// mpm cannot run (Lua, no interpreter inside the root, no privilege to chroot) is reported,
// never silently skipped.
#pragma once

#include <string>
#include <vector>

#include "libmodule/RpmHeader.hpp"

namespace mpm {

class ScriptletRunner {
  public:
    ScriptletRunner(std::string root, bool disabled)
        : root_(std::move(root)), disabled_(disabled) {}

    // A failing %pre/%preun throws Error (rpm refuses the package then); other failures warn.
    void run(const std::string& nevra, const std::string& which, const Scriptlet& script, int arg1);
    void run(const RpmHeader& header, const std::string& which, const Scriptlet& script, int arg1) {
        run(header.package.nevra(), which, script, arg1);
    }
    // False when the scriptlet's interpreter is not (yet) inside the root.
    bool interpreterPresent(const Scriptlet& script) const;

    const std::vector<std::string>& warnings() const { return warnings_; }

  private:
    std::string root_;
    bool disabled_;
    std::vector<std::string> warnings_;
};

}  // namespace mpm
