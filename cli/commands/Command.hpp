// One class per command: it declares its subcommand and arguments, then runs with a Context
// that loads only what the command asks for.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <vector>

#include "cli/Context.hpp"
#include "common/Error.hpp"

namespace mpm::cli {

class Command {
  public:
    virtual ~Command() = default;
    virtual CLI::App* declare(CLI::App& app) = 0;
    virtual ExitCode run(Context& ctx) = 0;
};

std::vector<std::unique_ptr<Command>> makeCommands();

}  // namespace mpm::cli
