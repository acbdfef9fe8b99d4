// A command line CLI11 refused, said as one sentence in mpm's words: the unknown command or
// option with the one meant when it is close, dnf's commands mpm does not have yet, what a
// command is missing.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace mpm::cli {

std::string parseFailure(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv);

// The sentence for `mpm` alone or with options only; main lists the commands after it.
extern const char* const kNeedsCommand;

}  // namespace mpm::cli
