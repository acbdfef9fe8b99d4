#include "cli/Output.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "common/Strings.hpp"

namespace mpm::cli {

void Output::line(const std::string& text) const {
    std::cout << text << '\n';
}

void Output::printJson(const nlohmann::json& value) const {
    // Replace invalid UTF-8 instead of throwing: metadata is not always clean.
    std::cout << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    printedJson_ = true;
}

void Output::warn(const std::string& text) const {
    if (!quiet_) std::cerr << "Warning: " << text << '\n';
}

void Output::notice(const std::string& text) const {
    if (!quiet_) std::cerr << text << '\n';
}

void Output::info(const std::string& text) const {
    if (verbose_) std::cerr << text << '\n';
}

void Output::failure(const std::string& text, int exitCode) const {
    std::cerr << "Error: " << text << '\n';
    if (!json_ || printedJson_) return;
    nlohmann::json error = {{"message", text}, {"exit_code", exitCode}};
    if (const std::string command = suggestedCommand(text, commands_); !command.empty())
        error["command"] = command;
    printJson({{"error", error}});
}

std::string suggestedCommand(const std::string& message, const std::vector<std::string>& commands) {
    static const char* introductions[] = {": ", "(", "see ", "with ", "; ", "'"};
    for (size_t at = message.find("mpm "); at != std::string::npos;
         at = message.find("mpm ", at + 1)) {
        const bool introduced =
            at == 0 ||
            std::any_of(
                std::begin(introductions), std::end(introductions), [&](std::string_view i) {
                    return at >= i.size() && message.compare(at - i.size(), i.size(), i) == 0;
                });
        if (!introduced) continue;
        const size_t wordEnd = message.find_first_of(" )';,", at + 4);
        const std::string word = message.substr(at + 4, wordEnd - (at + 4));
        if (std::find(commands.begin(), commands.end(), word) == commands.end()) continue;
        std::string command = message.substr(at, message.find_first_of(")';,", at) - at);
        while (!command.empty() && (command.back() == '.' || command.back() == ' '))
            command.pop_back();
        return command;
    }
    return {};
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
