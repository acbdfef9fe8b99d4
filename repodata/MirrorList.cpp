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

}  // namespace mpm::repodata
