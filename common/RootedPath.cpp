#include "common/RootedPath.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <deque>
#include <vector>

namespace mpm {

namespace {

std::deque<std::string> components(const std::string& path) {
    std::deque<std::string> out;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const std::string part =
            path.substr(start, slash == std::string::npos ? slash : slash - start);
        if (!part.empty() && part != ".") out.push_back(part);
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return out;
}

std::string under(const std::string& root, const std::vector<std::string>& parts) {
    std::string out = root;
    for (const auto& p : parts) out += "/" + p;
    return out.empty() ? "/" : out;
}

}  // namespace

std::string followInRoot(const std::string& rootIn, const std::string& path) {
    std::string root = rootIn;
    while (!root.empty() && root.back() == '/') root.pop_back();
    std::deque<std::string> todo = components(path);
    std::vector<std::string> done;  // relative to the root
    int hops = 0;
    while (!todo.empty()) {
        const std::string part = todo.front();
        todo.pop_front();
        if (part == "..") {  // clamped at the root, as chroot clamps it
            if (!done.empty()) done.pop_back();
            continue;
        }
        done.push_back(part);
        const std::string host = under(root, done);
        struct stat st {};
        if (lstat(host.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) continue;
        std::string target(static_cast<size_t>(st.st_size) + 1, '\0');
        const ssize_t n = readlink(host.c_str(), target.data(), target.size());
        if (n <= 0) continue;  // taken as written
        // A loop: a chroot gets ELOOP. What is returned then names nothing (a link left in it
        // would be followed from the host).
        if (++hops > 40) return {};
        target.resize(static_cast<size_t>(n));
        done.pop_back();
        if (target.front() == '/') done.clear();
        const std::deque<std::string> more = components(target);
        todo.insert(todo.begin(), more.begin(), more.end());
    }
    return under(root, done);
}

}  // namespace mpm
