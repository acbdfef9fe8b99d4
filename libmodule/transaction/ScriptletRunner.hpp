// Runs a package's shell scriptlets (%pre, %post, ...) with rpm's $1 convention (number of
// instances of the package after the operation), chrooted into the installroot. A scriptlet
// mpm cannot run (Lua, no interpreter inside the root, no privilege to chroot, no room to
// write it) is reported, never silently skipped or run in part.
#pragma once

#include <string>
#include <vector>

#include "libmodule/rpm/Scriptlet.hpp"

namespace mpm::transaction {

class ScriptletRunner {
  public:
    ScriptletRunner(std::string root, bool disabled)
        : root_(std::move(root)), disabled_(disabled) {}

    // Runs `script` (null: the package has none) of package `nevra`. A failing scriptlet that
    // may refuse its package (%pretrans, %pre, %preun) throws Error; others warn. Ctrl-C while
    // such a scriptlet runs stops it and throws ("interrupted during ..."), as the transaction
    // has not changed anything yet.
    // A trigger also gets `arg2` (rpm's $2: instances of the package that set it off) and
    // names that package (`cause`) in what it says.
    void run(const std::string& nevra, const rpm::Scriptlet* script, int arg1, int arg2 = -1,
             const std::string& cause = {});
    // A file trigger: the matching paths, one per line, on its standard input.
    void runWithInput(const std::string& nevra, const rpm::Scriptlet* script, int arg1,
                      const std::vector<std::string>& input);
    // False when the scriptlet's interpreter is not (yet) inside the root.
    bool interpreterPresent(const rpm::Scriptlet* script) const;

    const std::vector<std::string>& warnings() const { return warnings_; }

  private:
    bool chrooted() const { return !root_.empty() && root_ != "/"; }
    // `content` (a script, a file trigger's paths) as a file in the root's /var/tmp, where the
    // chrooted interpreter can read it; "" when it could not be written whole (reported).
    std::string writeTemp(const std::string& what, const rpm::Scriptlet& script,
                          const std::string& content);
    // A path in the root as the chrooted child sees it.
    std::string insideRoot(const std::string& hostPath) const;
    void start(const std::string& nevra, const rpm::Scriptlet* script, int arg1, int arg2,
               const std::string& cause, const std::vector<std::string>* input);
    // A scriptlet that did not run as it should: an error when it may refuse, else a warning.
    void report(const rpm::Scriptlet& script, const std::string& sentence);

    std::string root_;
    bool disabled_;
    std::vector<std::string> warnings_;
};

}  // namespace mpm::transaction
