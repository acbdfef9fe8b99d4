#include "libmodule/KeySource.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/Error.hpp"

namespace fs = std::filesystem;

namespace mpm {

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

std::vector<PgpKey> fetchKeys(const std::string& url, const repodata::TransferOptions& options,
                              const std::string& installroot) {
    std::string text;
    if (url.starts_with("http://") || url.starts_with("https://") || url.starts_with("ftp://")) {
        char tmpl[] = "/tmp/mpm-key-XXXXXX";
        const int fd = mkstemp(tmpl);
        if (fd < 0) throw Error("cannot create a temporary file for the key " + url);
        close(fd);
        const std::string tmp = tmpl;
        try {
            repodata::DownloadRequest req;
            req.urls = {url};
            req.dest = tmp;
            req.options = options;
            repodata::Downloader().fetch(req);
            text = readSmallFile(tmp, url);
        } catch (...) {
            unlink(tmp.c_str());
            throw;
        }
        unlink(tmp.c_str());
    } else {
        std::string path = url.starts_with("file://") ? url.substr(7) : url;
        if (path.empty() || path[0] != '/')
            throw Error("gpgkey " + url + " is not an absolute path or URL");
        const std::string inRoot = (fs::path(installroot) / path.substr(1)).string();
        text = readSmallFile(installroot != "/" && fs::exists(inRoot) ? inRoot : path, url);
    }
    return parsePgpKeys(text, url);
}

}  // namespace mpm
