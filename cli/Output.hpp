// Where output goes: results to stdout (plain or --json), everything else to stderr.
#pragma once

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
    void info(const std::string& text) const;           // stderr, only with -v
    void error(const std::string& text) const;          // stderr, always

    // Left-aligned columns; the last column is not padded. One-cell rows are headings: they
    // are printed as they are and do not widen the columns.
    void table(const std::vector<std::vector<std::string>>& rows) const;

  private:
    bool json_, quiet_, verbose_;
};

}  // namespace mpm::cli
