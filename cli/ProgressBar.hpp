// One line of download progress on stderr, redrawn in place; only on a terminal, never with
// -q or --json, so pipes and logs stay clean.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace mpm::cli {

class ProgressBar {
  public:
    ProgressBar(std::string label, bool enabled);
    ~ProgressBar();
    void update(uint64_t done, uint64_t total, size_t filesDone, size_t files);
    bool enabled() const { return enabled_; }

  private:
    std::string label_;
    bool enabled_;
    bool drawn_ = false;
};

}  // namespace mpm::cli
