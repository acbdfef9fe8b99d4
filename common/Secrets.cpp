#include "common/Secrets.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <vector>

namespace mpm::secrets {

namespace {

constexpr std::string_view kMask = "***";

struct Registry {
    std::mutex mutex;
    std::vector<std::string> values;
};

Registry& registry() {
    static Registry r;
    return r;
}

bool schemeChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

bool ends(char c) {
    return c == '/' || c == '?' || c == '#' || c == ' ' || c == '\t' || c == '\n' || c == '"' ||
           c == '\'' || c == ';' || c == ',' || c == ')' || c == '(';
}

// "scheme://user:password@host" -> "scheme://user:***@host", for every URL in the text.
void redactUrls(std::string& text) {
    size_t from = 0;
    while ((from = text.find("://", from)) != std::string::npos) {
        // a scheme before it
        size_t start = from;
        while (start > 0 && schemeChar(text[start - 1])) --start;
        const size_t authority = from + 3;
        from = authority;
        if (start == from - 3) continue;
        // the authority ends at the first '/', '?', '#' or blank; its userinfo at the last '@'
        size_t end = authority;
        while (end < text.size() && !ends(text[end])) ++end;
        const size_t at = text.rfind('@', end == 0 ? 0 : end - 1);
        if (at == std::string::npos || at < authority) continue;
        const size_t colon = text.find(':', authority);
        if (colon == std::string::npos || colon > at) continue;  // a user name alone
        if (text.compare(colon + 1, at - colon - 1, kMask) == 0) continue;
        text.replace(colon + 1, at - colon - 1, kMask);
        from = colon + 1 + kMask.size();
    }
}

}  // namespace

bool isSecretKey(std::string_view key) {
    const size_t dot = key.rfind('.');
    const std::string_view name = dot == std::string_view::npos ? key : key.substr(dot + 1);
    return name == "password" || name == "proxy_password";
}

// How the value reads inside a JSON string (--json prints redacted text after escaping).
static std::string jsonEscaped(const std::string& value) {
    std::string out;
    for (char c : value) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += c;
        }
    }
    return out;
}

void remember(const std::string& value) {
    if (value.empty()) return;
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    for (const std::string& form : {value, jsonEscaped(value)})
        if (std::find(r.values.begin(), r.values.end(), form) == r.values.end())
            r.values.push_back(form);
    // The longest first: a secret that contains another is hidden whole.
    std::sort(r.values.begin(), r.values.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string redact(std::string text) {
    if (text.find("://") != std::string::npos && text.find('@') != std::string::npos)
        redactUrls(text);
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    for (const auto& secret : r.values)
        for (size_t at = text.find(secret); at != std::string::npos;
             at = text.find(secret, at + kMask.size()))
            text.replace(at, secret.size(), kMask);
    return text;
}

std::string redactSetting(const std::string& setting) {
    const size_t eq = setting.find('=');
    if (eq == std::string::npos) return redact(setting);
    const std::string key = setting.substr(0, eq);
    if (isSecretKey(key)) return key + "=" + std::string(kMask);
    return redact(setting);
}

}  // namespace mpm::secrets
