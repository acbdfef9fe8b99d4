// Where output goes: results to stdout (plain or --json), everything else to stderr.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mpm::cli {

class Output {
  public:
    Output(bool json, bool quiet, bool verbose) : json_(json), quiet_(quiet), verbose_(verbose) {}

    bool json() const { return json_; }
    bool quiet() const { return quiet_; }
    bool verbose() const { return verbose_; }

    void line(const std::string& text) const;           // a result line on stdout
    void printJson(const nlohmann::json& value) const;  // the whole --json result
    void warn(const std::string& text) const;           // stderr, not with -q
    // Something went wrong that did not stop the command (a %post failed): said even with -q.
    void problem(const std::string& text) const;
    void info(const std::string& text) const;    // stderr, only with -v
    void notice(const std::string& text) const;  // stderr, not with -q
    // The command failed: the sentence on stderr, and with --json an error object on stdout
    // (unless the command already printed its result there), so a pipeline always has JSON to
    // read: {"error": {"message", "exit_code", "command"?}}.
    void failure(const std::string& text, int exitCode,
                 const std::map<std::string, std::string>& facts = {}) const;
    // The command words, so that failure() can name the command an error suggests.
    void setCommandNames(std::vector<std::string> names) { commands_ = std::move(names); }
    // --color: "always", "never" or "auto" (stderr is a terminal and NO_COLOR is not set).
    // Throws UsageError for another word.
    void setColour(const std::string& when);

    // Left-aligned columns; the last column is not padded. One-cell rows are headings: they
    // are printed as they are and do not widen the columns. On a terminal too narrow for the
    // rows, the `flexible` column (-1: the last) is cut to fit ("..."); into a pipe or a file
    // every cell is written whole.
    void table(const std::vector<std::vector<std::string>>& rows, int flexible = -1) const;

  private:
    std::string paint(const std::string& label, const char* colour) const;
    bool json_, quiet_, verbose_;
    bool colour_ = false;
    mutable bool printedJson_ = false;
    std::vector<std::string> commands_;
};

// The command an error message suggests ("... To use it: mpm module switch-to nodejs:20"), or
// "": the first "mpm COMMAND ..." introduced as a suggestion (after ": ", "(", "see ", "with ",
// "; ", a quote or "did you mean "), up to the end of that clause.
std::string suggestedCommand(const std::string& message, const std::vector<std::string>& commands);

}  // namespace mpm::cli
