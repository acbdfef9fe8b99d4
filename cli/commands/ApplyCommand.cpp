// mpm apply FILE: bring the system to the state a YAML file describes, in one transaction.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/TransactionFlow.hpp"
#include "cli/commands/Commands.hpp"
#include "libmodule/provision/DesiredState.hpp"
#include "libmodule/provision/StateRequest.hpp"

namespace mpm::cli {

namespace {

constexpr size_t kMaxStateFile = 16 << 20;  // a desired state is a page, not megabytes

std::string readBounded(std::istream& in, const std::string& name) {
    std::string text(kMaxStateFile + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (static_cast<size_t>(in.gcount()) > kMaxStateFile)
        throw Error(name + " is larger than 16 MiB: not a desired state");
    text.resize(static_cast<size_t>(in.gcount()));
    return text;
}

}  // namespace

CLI::App* ApplyCommand::declare(CLI::App& app) {
    auto* cmd = app.add_subcommand(
        "apply", "Bring the system to the state a YAML file describes, in one transaction");
    cmd->add_option("file", file_, "The desired state (see mpm-apply(8)); - reads standard input")
        ->required();
    cmd->add_flag("--check", flow_.check,
                  "Only say what would change (exit 100 when something would, 0 when not)");
    cmd->add_flag("--allowerasing", flow_.allowErasing,
                  "Remove installed packages that are in the way");
    cmd->add_flag("--nodocs", flow_.nodocs, "Do not install documentation (tsflags=nodocs)");
    cmd->add_flag("--noscripts", flow_.noscripts, "Do not run scriptlets (tsflags=noscripts)");
    return cmd;
}

ExitCode ApplyCommand::run(Context& ctx) {
    // The whole file is read and checked before anything is loaded or locked.
    std::string text;
    const std::string name = file_ == "-" ? "stdin" : file_;
    if (file_ == "-") {
        if (isatty(STDIN_FILENO))
            throw UsageError(
                "mpm apply - reads the desired state from standard input, which is "
                "a terminal; give a file or pipe the state in");
        text = readBounded(std::cin, name);
    } else {
        std::ifstream in(file_, std::ios::binary);
        if (!in || std::filesystem::is_directory(file_))
            throw Error("cannot read the desired state " + file_ + ": " +
                        (std::filesystem::exists(file_) ? "not a readable file" : "no such file"));
        text = readBounded(in, name);
    }
    const provision::DesiredState state = provision::DesiredState::parse(text, name);
    ctx.setStateRepos(name, state.repoToggles);
    return runTransaction(
        ctx, [&](Goal& g) { provision::requestState(g, state); }, flow_);
}

}  // namespace mpm::cli
