// What mpm reads from argv itself, beside CLI11: the order of options CLI11 does not keep, the
// command word, the command line history records, and "did you mean" for what is mistyped.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <utility>
#include <vector>

namespace mpm::cli {

// The last of --best and --nobest wins, as in dnf; 1, -1, or 0 when neither is given.
int bestFromArgs(int argc, char** argv);

// --enablerepo/--disablerepo in command-line order, comma lists split: (enable, pattern).
std::vector<std::pair<bool, std::string>> repoToggles(int argc, char** argv);

// The command line history records (without host paths under SOURCE_DATE_EPOCH).
std::string recordedCommandLine(int argc, char** argv);

// The first option before the command word that mpm does not know, or "".
std::string unknownGlobalOption(const CLI::App& app, int argc, char** argv);
// The words of `args` (the command line after "mpm") that are not options or an option's
// value: the command first, then its own arguments (their options' values are skipped only
// for the global options).
std::vector<std::string> commandWords(const CLI::App& app, const std::vector<std::string>& args);

// The first unknown argument CLI11 names in an ExtrasError's text, options first.
std::string firstUnknown(const std::string& what);

// The candidate closest to a mistyped word (edit distance at most 2, or a unique prefix), or "".
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

// Names and aliases of the commands, and every option name of app and of its parsed command.
std::vector<std::string> commandNames(const CLI::App& app);
std::vector<std::string> optionNames(const CLI::App& app);

// "  install      Install packages ..." for each command: what `mpm` alone prints.
std::string commandList(const CLI::App& app);

}  // namespace mpm::cli
