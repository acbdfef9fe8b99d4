#include "libmodule/trust/KeySource.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/Error.hpp"
#include "common/TempDir.hpp"

namespace fs = std::filesystem;

namespace mpm::trust {

namespace {

constexpr std::streamsize kMaxKeyFile = 1 << 20;  // keys are a few KiB; refuse anything huge

std::string readSmallFile(const std::string& path, const std::string& url) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot read the key " + url + ": no such file");
    std::string text(static_cast<size_t>(kMaxKeyFile) + 1, '\0');
    in.read(text.data(), kMaxKeyFile + 1);
    if (in.gcount() > kMaxKeyFile) throw Error("the key " + url + " is larger than 1 MiB");
    text.resize(static_cast<size_t>(in.gcount()));
    return text;
}

}  // namespace

std::vector<rpm::PgpKey> fetchKeys(const std::string& url, const repodata::TransferOptions& options,
                                   const std::string& installroot) {
    std::string text;
    if (url.starts_with("http://") || url.starts_with("https://") || url.starts_with("ftp://")) {
        // Downloaded into a private directory: nothing there can be replaced by another user.
        TempDir dir("mpm-key");
        repodata::DownloadRequest req;
        req.urls = {url};
        req.dest = dir.path() + "/key";
        req.options = options;
        repodata::Downloader().fetch(req);
        text = readSmallFile(req.dest, url);
    } else {
        std::string path = url.starts_with("file://") ? url.substr(7) : url;
        if (path.empty() || path[0] != '/')
            throw Error("gpgkey " + url + " is not an absolute path or URL");
        const std::string inRoot = (fs::path(installroot) / path.substr(1)).string();
        text = readSmallFile(installroot != "/" && fs::exists(inRoot) ? inRoot : path, url);
    }
    return rpm::parsePgpKeys(text, url);
}

}  // namespace mpm::trust
