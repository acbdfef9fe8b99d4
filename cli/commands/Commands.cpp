#include "cli/commands/Commands.hpp"

#include <algorithm>

namespace mpm::cli {

Command::Command(std::string name, std::string help, std::vector<std::string> aliases)
    : name_(std::move(name)), help_(std::move(help)), aliases_(std::move(aliases)) {}

CLI::App* Command::declare(CLI::App& app, bool withArguments) {
    CLI::App* cmd = app.add_subcommand(name_, help_);
    for (const auto& a : aliases_) cmd->alias(a);
    if (help_.empty()) cmd->group("");
    if (withArguments) declareArguments(cmd);
    return cmd;
}

bool Command::answersTo(const std::string& word) const {
    return word == name_ || std::find(aliases_.begin(), aliases_.end(), word) != aliases_.end();
}

std::vector<std::unique_ptr<Command>> makeCommands() {
    std::vector<std::unique_ptr<Command>> c;
    c.push_back(std::make_unique<RepolistCommand>());
    c.push_back(std::make_unique<ListCommand>());
    c.push_back(std::make_unique<InfoCommand>());
    c.push_back(std::make_unique<SearchCommand>());
    c.push_back(std::make_unique<RepoqueryCommand>());
    c.push_back(std::make_unique<ProvidesCommand>());
    c.push_back(std::make_unique<MakecacheCommand>());
    c.push_back(std::make_unique<CleanCommand>());
    c.push_back(std::make_unique<CheckUpdateCommand>());
    c.push_back(std::make_unique<UpdateinfoCommand>());
    c.push_back(std::make_unique<HistoryCommand>());
    c.push_back(std::make_unique<ModuleCommand>());
    c.push_back(std::make_unique<GroupCommand>());
    c.push_back(std::make_unique<KeyCommand>());
    c.push_back(std::make_unique<LockCommand>());
    c.push_back(std::make_unique<ApplyCommand>());
    c.push_back(std::make_unique<CheckCommand>());
    c.push_back(std::make_unique<RebuilddbCommand>());
    c.push_back(std::make_unique<MarkCommand>());
    c.push_back(std::make_unique<CompleteCommand>());
    for (auto& g : makeGoalCommands()) c.push_back(std::move(g));
    return c;
}

}  // namespace mpm::cli
