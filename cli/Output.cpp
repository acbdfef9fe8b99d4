#include "cli/Output.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace mpm::cli {

void Output::line(const std::string& text) const {
    std::cout << text << '\n';
}

void Output::printJson(const nlohmann::json& value) const {
    // Replace invalid UTF-8 instead of throwing: metadata is not always clean.
    std::cout << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void Output::warn(const std::string& text) const {
    if (!quiet_) std::cerr << "Warning: " << text << '\n';
}

void Output::info(const std::string& text) const {
    if (verbose_) std::cerr << text << '\n';
}

void Output::error(const std::string& text) const {
    std::cerr << "Error: " << text << '\n';
}

void Output::table(const std::vector<std::vector<std::string>>& rows) const {
    std::vector<size_t> widths;
    for (const auto& row : rows)
        for (size_t i = 0; i < row.size() && row.size() > 1; ++i) {  // headings don't set widths
            if (widths.size() <= i) widths.push_back(0);
            widths[i] = std::max(widths[i], row[i].size());
        }
    std::string out;
    for (const auto& row : rows) {
        std::string text;
        for (size_t i = 0; i < row.size(); ++i) {
            text += row[i];
            if (i + 1 < row.size()) text += std::string(widths[i] - row[i].size() + 2, ' ');
        }
        out += text + '\n';
    }
    std::cout << out;
}

}  // namespace mpm::cli
