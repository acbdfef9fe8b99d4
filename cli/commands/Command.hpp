// One class per command: it declares its subcommand and arguments, then runs with a Context
// that loads only what the command asks for.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cli/Context.hpp"
#include "common/Error.hpp"

namespace mpm::cli {

class Command {
  public:
    virtual ~Command() = default;
    // Adds the subcommand to `app`: its name, aliases and help always (what --help, the command
    // list and "did you mean" read), its arguments (options, positionals, nested commands)
    // only `withArguments`. Declaring every command's arguments with CLI11 was most of a warm
    // `module list`'s startup; a run declares them for the command it runs.
    CLI::App* declare(CLI::App& app, bool withArguments);
    // Whether `word` is this command's name or an alias.
    bool answersTo(const std::string& word) const;
    // The bash completion looks at every command's arguments.
    virtual bool needsEveryCommand() const { return false; }
    virtual ExitCode run(Context& ctx) = 0;

  protected:
    // No help: hidden from --help and the command list (__complete).
    Command(std::string name, std::string help, std::vector<std::string> aliases = {});

  private:
    virtual void declareArguments(CLI::App* cmd) = 0;

    std::string name_, help_;
    std::vector<std::string> aliases_;
};

std::vector<std::unique_ptr<Command>> makeCommands();

}  // namespace mpm::cli
