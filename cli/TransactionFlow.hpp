// The path every command that changes the system takes: resolve, show, confirm, download,
// execute, report. Commands only fill the Goal.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "cli/Context.hpp"
#include "libmodule/solve/Goal.hpp"

namespace mpm::cli {

struct FlowOptions {
    bool allowErasing = false;
    bool skipBroken = false;
    bool downloadOnly = false;
    std::string downloadDir;
    bool nodocs = false;
    bool noscripts = false;
    bool repositories = true;  // false: the goal uses only files it adds (a locked install)
    // Resolve and report only (mpm apply --check): nothing is asked, downloaded, marked or
    // changed; the exit code says whether anything would change (WouldChange) or not (Ok).
    bool check = false;
};

// The transaction options a command takes after its name, as dnf's do: --allowerasing and
// --skip-broken; with `installs`, --downloadonly, --downloaddir, --nodocs and --noscripts.
void addFlowOptions(CLI::App& cmd, FlowOptions& flow, bool installs);

ExitCode runTransaction(Context& ctx, const std::function<void(Goal&)>& fill,
                        const FlowOptions& options);

// Whether this run started changing the system (for what is said when its result cannot be
// written).
bool systemChanged();

}  // namespace mpm::cli
