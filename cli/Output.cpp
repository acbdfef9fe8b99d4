#include "cli/Output.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "common/Error.hpp"
#include "common/Secrets.hpp"
#include "common/Strings.hpp"

namespace mpm::cli {

void Output::line(const std::string& text) const {
    std::cout << secrets::redact(text) << '\n';
}

void Output::printJson(const nlohmann::json& value) const {
    // Replace invalid UTF-8 instead of throwing: metadata is not always clean.
    std::cout << secrets::redact(
                     value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
              << '\n';
    printedJson_ = true;
}

void Output::setColour(const std::string& when) {
    if (when == "always")
        colour_ = true;
    else if (when == "never")
        colour_ = false;
    else if (when == "auto" || when.empty()) {
        const char* noColour = std::getenv("NO_COLOR");
        const char* term = std::getenv("TERM");
        colour_ = isatty(STDERR_FILENO) && !(noColour && *noColour) &&
                  !(term && std::string(term) == "dumb");
    } else
        throw UsageError("--color takes always, never or auto, not '" + when + "'");
}

std::string Output::paint(const std::string& label, const char* colour) const {
    return colour_ ? std::string("\033[") + colour + "m" + label + "\033[0m" : label;
}

void Output::problem(const std::string& text) const {
    std::cerr << paint("Warning:", "1;33") << " " << secrets::redact(text) << '\n';
}

void Output::warn(const std::string& text) const {
    if (!quiet_) std::cerr << paint("Warning:", "1;33") << " " << secrets::redact(text) << '\n';
}

void Output::notice(const std::string& text) const {
    if (!quiet_) std::cerr << secrets::redact(text) << '\n';
}

void Output::info(const std::string& text) const {
    if (verbose_) std::cerr << secrets::redact(text) << '\n';
}

void Output::failure(const std::string& text, int exitCode,
                     const std::map<std::string, std::string>& facts) const {
    std::cerr << paint("Error:", "1;31") << " " << secrets::redact(text) << '\n';
    if (!json_ || printedJson_) return;
    nlohmann::json error = {{"message", text}, {"exit_code", exitCode}};
    if (const std::string command = suggestedCommand(text, commands_); !command.empty())
        error["command"] = command;
    for (const auto& [key, value] : facts)
        if (!value.empty()) error[key] = value;
    printJson({{"error", error}});
}

std::string suggestedCommand(const std::string& message, const std::vector<std::string>& commands) {
    // A sentence that starts with "mpm ..." names the command it is about, not a fix.
    static const char* introductions[] = {": ", "(", "see ", "with ", "; ", "'", "did you mean "};
    for (size_t at = message.find("mpm "); at != std::string::npos;
         at = message.find("mpm ", at + 1)) {
        const bool introduced = std::any_of(
            std::begin(introductions), std::end(introductions), [&](std::string_view i) {
                return at >= i.size() && message.compare(at - i.size(), i.size(), i) == 0;
            });
        if (!introduced) continue;
        const size_t wordEnd = message.find_first_of(" )';,?", at + 4);
        const std::string word = message.substr(at + 4, wordEnd - (at + 4));
        if (std::find(commands.begin(), commands.end(), word) == commands.end()) continue;
        std::string command = message.substr(at, message.find_first_of(")';,?", at) - at);
        while (!command.empty() && (command.back() == '.' || command.back() == ' '))
            command.pop_back();
        return command;
    }
    return {};
}

namespace {

// Columns a cell takes on a terminal: its UTF-8 code points (no wide-character tables).
size_t columns(const std::string& text) {
    size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

// The first `width` columns of text, "..." marking the cut.
std::string cut(const std::string& text, size_t width) {
    if (columns(text) <= width) return text;
    const size_t keep = width > 3 ? width - 3 : 0;
    size_t n = 0, i = 0;
    for (; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && n++ == keep) break;
    }
    return text.substr(0, i) + "...";
}

// The terminal's width when stdout is one (COLUMNS first, as shells set it), else 0.
size_t terminalWidth() {
    if (!isatty(STDOUT_FILENO)) return 0;
    if (const char* c = std::getenv("COLUMNS"); c && std::atoi(c) > 0)
        return static_cast<size_t>(std::atoi(c));
    struct winsize ws {};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 0;
}

}  // namespace

void Output::table(const std::vector<std::vector<std::string>>& rows, int flexible) const {
    std::vector<size_t> widths;
    for (const auto& row : rows)
        for (size_t i = 0; i < row.size() && row.size() > 1; ++i) {  // headings don't set widths
            if (widths.size() <= i) widths.push_back(0);
            widths[i] = std::max(widths[i], columns(row[i]));
        }
    // Too wide for the terminal: the flexible column gives up what it must, down to 10
    // columns, then the widest others do, until the rows fit (or every column is at 10).
    std::vector<bool> cutColumn(widths.size(), false);
    if (const size_t term = terminalWidth(); term > 0 && !widths.empty()) {
        const size_t flex = flexible < 0 || static_cast<size_t>(flexible) >= widths.size()
                                ? widths.size() - 1
                                : static_cast<size_t>(flexible);
        std::vector<size_t> order(widths.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t a, size_t b) { return widths[a] > widths[b]; });
        order.erase(std::find(order.begin(), order.end(), flex));
        order.insert(order.begin(), flex);
        for (size_t column : order) {
            size_t total = 0;
            for (size_t w : widths) total += w + 2;
            total -= 2;
            if (total <= term) break;
            const size_t excess = total - term;
            const size_t floor = std::min<size_t>(widths[column], 10);
            widths[column] = widths[column] > excess + floor ? widths[column] - excess : floor;
            cutColumn[column] = true;
        }
    }
    std::string out;
    for (const auto& row : rows) {
        std::string text;
        for (size_t i = 0; i < row.size(); ++i) {
            const std::string cell = row.size() > 1 && i < cutColumn.size() && cutColumn[i]
                                         ? cut(row[i], widths[i])
                                         : row[i];
            text += cell;
            if (i + 1 < row.size()) text += std::string(widths[i] - columns(cell) + 2, ' ');
        }
        out += text + '\n';
    }
    std::cout << secrets::redact(out);
}

}  // namespace mpm::cli
