// mpm apply FILE: bring the system to the state a YAML file describes, in one transaction.
#include <unistd.h>

#include <iostream>

#include "cli/TransactionFlow.hpp"
#include "cli/commands/Commands.hpp"
#include "common/TextFile.hpp"
#include "libmodule/provision/DesiredState.hpp"
#include "libmodule/provision/StateRequest.hpp"

namespace mpm::cli {

namespace {

constexpr size_t kMaxStateFile = 16 << 20;  // a desired state is a page, not megabytes

}  // namespace

void ApplyCommand::declareArguments(CLI::App* cmd) {
    cmd->add_option("file", file_, "The desired state (see mpm-apply(8)); - reads standard input")
        ->required();
    cmd->add_flag("--check", flow_.check,
                  "Only say what would change (exit 100 when something would, 0 when not)");
    addFlowOptions(*cmd, flow_, true);
}

ExitCode ApplyCommand::run(Context& ctx) {
    // The whole file is read and checked before anything is loaded or locked.
    const std::string name = file_ == "-" ? "stdin" : file_;
    if (file_ == "-" && isatty(STDIN_FILENO))
        throw UsageError(
            "mpm apply - reads the desired state from standard input, which is a terminal; give "
            "a file or pipe the state in");
    const std::string text = file_ == "-"
                                 ? readTextStream(std::cin, name, kMaxStateFile, "desired state")
                                 : readTextFile(file_, kMaxStateFile, "desired state");
    const provision::DesiredState state = provision::DesiredState::parse(text, name);
    ctx.setStateRepos(name, state.repoToggles);
    return runTransaction(
        ctx, [&](Goal& g) { provision::requestState(g, state); }, flow_);
}

}  // namespace mpm::cli
