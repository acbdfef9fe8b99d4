#include "repodata/MirrorList.hpp"

#include <sstream>

#include "common/Strings.hpp"

namespace mpm::repodata {

std::vector<std::string> parseMirrorList(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        if (line.find("://") == std::string::npos) continue;
        out.push_back(line);
    }
    return out;
}

std::vector<std::string> parseMetalink(const std::string& text) {
    static const std::string suffix = "repodata/repomd.xml";
    std::vector<std::string> out;
    size_t pos = 0;
    while ((pos = text.find("<url", pos)) != std::string::npos) {
        size_t open = text.find('>', pos);
        size_t close = text.find("</url>", pos);
        if (open == std::string::npos || close == std::string::npos || close < open) break;
        std::string url = trim(text.substr(open + 1, close - open - 1));
        pos = close + 6;
        if (!endsWith(url, suffix)) continue;
        out.push_back(url.substr(0, url.size() - suffix.size()));
    }
    return out;
}

std::vector<std::string> metalinkDigests(const std::string& text) {
    std::vector<std::string> out;
    size_t pos = 0;
    while ((pos = text.find("<hash", pos)) != std::string::npos) {
        const size_t open = text.find('>', pos);
        const size_t close = text.find("</hash>", pos);
        if (open == std::string::npos || close == std::string::npos || close < open) break;
        const std::string tag = text.substr(pos, open - pos);
        const std::string hex = toLower(trim(text.substr(open + 1, close - open - 1)));
        pos = close + 7;
        for (const char* type : {"sha256", "sha512", "sha1", "md5"})
            if (tag.find(std::string("type=\"") + type + "\"") != std::string::npos)
                out.push_back(std::string(type) + ":" + hex);
    }
    return out;
}

}  // namespace mpm::repodata
