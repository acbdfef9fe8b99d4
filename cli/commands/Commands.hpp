// The command classes. Each lives in its own file; this header lets main register them.
#pragma once

#include <string>
#include <vector>

#include "cli/TransactionFlow.hpp"
#include "cli/commands/Command.hpp"

namespace mpm::cli {

class RepolistCommand : public Command {
  public:
    CLI::App* declare(CLI::App& app) override;
    ExitCode run(Context& ctx) override;

  private:
    bool all_ = false, enabled_ = false, disabled_ = false;
};

class ListCommand : public Command {
  public:
    CLI::App* declare(CLI::App& app) override;
    ExitCode run(Context& ctx) override;

  private:
    bool installed_ = false, available_ = false, upgrades_ = false, all_ = false,
         showDuplicates_ = false;
    std::vector<std::string> specs_;
};

class InfoCommand : public Command {
  public:
    CLI::App* declare(CLI::App& app) override;
    ExitCode run(Context& ctx) override;

  private:
    bool installed_ = false, available_ = false, showDuplicates_ = false;
    std::vector<std::string> specs_;
};

class SearchCommand : public Command {
  public:
    CLI::App* declare(CLI::App& app) override;
    ExitCode run(Context& ctx) override;

  private:
    bool all_ = false;
    std::vector<std::string> terms_;
};

class RepoqueryCommand : public Command {
  public:
    CLI::App* declare(CLI::App& app) override;
    ExitCode run(Context& ctx) override;

  private:
    std::vector<std::string> specs_, whatprovides_, whatrequires_, arch_;
    bool requires_ = false, provides_ = false, files_ = false, location_ = false;
    bool installed_ = false, available_ = false;
    int latestLimit_ = 0;
    std::string queryformat_;
};

class ProvidesCommand : public Command {
  public:
    CLI::App* declare(CLI::App& app) override;
    ExitCode run(Context& ctx) override;

  private:
    std::vector<std::string> what_;
};

class MakecacheCommand : public Command {
  public:
    CLI::App* declare(CLI::App& app) override;
    ExitCode run(Context& ctx) override;
};

class CleanCommand : public Command {
  public:
    CLI::App* declare(CLI::App& app) override;
    ExitCode run(Context& ctx) override;

  private:
    std::vector<std::string> what_;
};

class InstallCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override;
    ExitCode run(Context& ctx) override;

private:
    std::vector<std::string> specs_;
    FlowOptions flow_;
};

class RemoveCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override;
    ExitCode run(Context& ctx) override;

private:
    std::vector<std::string> specs_;
    FlowOptions flow_;
};

class UpgradeCommand : public Command {
public:
    CLI::App* declare(CLI::App& app) override;
    ExitCode run(Context& ctx) override;

private:
    std::vector<std::string> specs_;
    FlowOptions flow_;
};

}  // namespace mpm::cli
