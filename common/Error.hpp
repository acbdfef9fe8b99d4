// Typed errors. Every error carries the one sentence the user sees; the CLI maps the
// kind to an exit code in one place (cli/main.cpp), so library code never calls exit().
#pragma once

#include <map>
#include <stdexcept>
#include <string>

namespace mpm {

enum class ExitCode : int {
    Ok = 0,
    Error = 1,
    Usage = 2,
    Locked = 3,
    UpdatesAvailable = 100,  // check-update, lock --check
    WouldChange = 100,       // apply --check: the system is not in the described state
};

class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message, ExitCode code = ExitCode::Error)
        : std::runtime_error(message), code_(code) {}
    ExitCode code() const noexcept { return code_; }
    // What the error is about, for scripts (--json): "package", "stream".
    const std::map<std::string, std::string>& facts() const { return facts_; }
    void addFact(const std::string& key, const std::string& value) { facts_[key] = value; }

  private:
    ExitCode code_;
    std::map<std::string, std::string> facts_;
};

// The command line itself is wrong: unknown option, unknown --setopt key, bad value.
class UsageError : public Error {
  public:
    explicit UsageError(const std::string& message) : Error(message, ExitCode::Usage) {}
};

// A configuration file (mpm.conf, a .repo file) cannot be used. The message names file:line.
class ConfigError : public Error {
  public:
    ConfigError(const std::string& file, int line, const std::string& what);
};

// A repository cannot be fetched or loaded. The message names the repo.
class RepoError : public Error {
  public:
    RepoError(const std::string& repoid, const std::string& what);
    const std::string& repoid() const noexcept { return repoid_; }
    // What is wrong, without the repository's name before it.
    const std::string& reason() const noexcept { return reason_; }

  private:
    std::string repoid_, reason_;
};

// A download failed on every mirror.
class DownloadError : public Error {
  public:
    using Error::Error;
};

}  // namespace mpm
