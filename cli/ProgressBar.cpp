#include "cli/ProgressBar.hpp"

#include <cstdio>

#include "common/Strings.hpp"

namespace mpm::cli {

ProgressBar::ProgressBar(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled) {}

ProgressBar::~ProgressBar() {
    if (drawn_) std::fputc('\n', stderr);
}

void ProgressBar::update(uint64_t done, uint64_t total, size_t filesDone, size_t files) {
    if (!enabled_) return;
    constexpr int width = 30;
    const double part = total ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
    const int filled = static_cast<int>(part * width);
    std::string bar(static_cast<size_t>(filled), '=');
    if (filled < width) bar += '>' + std::string(static_cast<size_t>(width - filled - 1), ' ');
    std::fprintf(stderr, "\r%s [%s] %3d%%  %s/%s  %zu/%zu files", label_.c_str(), bar.c_str(),
                 static_cast<int>(part * 100), humanSize(done).c_str(), humanSize(total).c_str(),
                 filesDone, files);
    std::fflush(stderr);
    drawn_ = true;
}

}  // namespace mpm::cli
