#include "libmodule/transaction/RootPath.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <utility>
#include <vector>

namespace mpm::transaction {

namespace {

std::deque<std::string> split(const std::string& path) {
    std::deque<std::string> parts;
    size_t i = 0;
    while (i < path.size()) {
        size_t j = path.find('/', i);
        if (j == std::string::npos) j = path.size();
        if (j > i) parts.emplace_back(path.substr(i, j - i));
        i = j + 1;
    }
    return parts;
}

std::string joinUnder(const std::string& root, const std::vector<std::string>& parts) {
    std::string out = root;
    for (const auto& p : parts) out += "/" + p;
    return out;
}

}  // namespace

std::string resolveInRoot(const std::string& rootIn, const std::string& path,
                          std::vector<std::string>* created) {
    std::string root = rootIn;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    if (root == "/") root.clear();
    if (path.empty() || path[0] != '/')
        throw UnsafePathError("path '" + path + "' is not absolute");
    std::deque<std::string> todo = split(path);
    if (todo.empty()) return root.empty() ? "/" : root;
    for (const auto& part : todo)
        if (part == "..") throw UnsafePathError("path '" + path + "' contains '..'");
    const std::string last = todo.back();
    todo.pop_back();

    std::vector<std::string> done;  // resolved components, relative to the root
    int hops = 0;
    while (!todo.empty()) {
        std::string part = todo.front();
        todo.pop_front();
        if (part == "." || part.empty()) continue;
        if (part == "..") {  // only from link targets: clamp at the root
            if (!done.empty()) done.pop_back();
            continue;
        }
        std::vector<std::string> candidate = done;
        candidate.push_back(part);
        const std::string host = joinUnder(root, candidate);
        struct stat st {};
        if (lstat(host.c_str(), &st) != 0) {
            if (errno != ENOENT || !created) {
                done = candidate;  // nothing there: the rest cannot be a link either
                continue;
            }
            if (mkdir(host.c_str(), 0755) != 0 && errno != EEXIST)
                throw UnsafePathError("cannot create directory " + host + ": " +
                                      std::strerror(errno));
            created->push_back(host);
            done = candidate;
            continue;
        }
        if (S_ISLNK(st.st_mode)) {
            if (++hops > 40)
                throw UnsafePathError("too many symbolic links resolving '" + path + "'");
            std::vector<char> buf(static_cast<size_t>(st.st_size) + 1);
            ssize_t n = readlink(host.c_str(), buf.data(), buf.size());
            if (n < 0)
                throw UnsafePathError("cannot read link " + host + ": " + std::strerror(errno));
            std::string target(buf.data(), static_cast<size_t>(n));
            if (!target.empty() && target[0] == '/') done.clear();
            auto parts = split(target);
            todo.insert(todo.begin(), parts.begin(), parts.end());
            continue;
        }
        if (!S_ISDIR(st.st_mode))
            throw UnsafePathError("cannot place '" + path + "': " + host + " is not a directory");
        done = candidate;
    }
    done.push_back(last);
    return joinUnder(root, done);
}

RootResolver::RootResolver(std::string root) : root_(std::move(root)), base_(root_) {
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
}

std::string RootResolver::resolve(const std::string& path, std::vector<std::string>* created) {
    const size_t slash = path.rfind('/');
    if (path.empty() || path[0] != '/' || slash == 0) return resolveInRoot(root_, path, created);
    const std::string name = path.substr(slash + 1);
    if (name.empty() || name == "." || name == "..") return resolveInRoot(root_, path, created);
    return directory(path.substr(0, slash), created) + "/" + name;
}

bool RootResolver::inExistingDirectory(const std::string& path) const {
    const size_t slash = path.rfind('/');
    return slash != std::string::npos && slash != 0 ? dirs_.count(path.substr(0, slash)) > 0 : true;
}

std::string RootResolver::directory(const std::string& dir, std::vector<std::string>* created) {
    if (auto it = dirs_.find(dir); it != dirs_.end()) return it->second;
    if (!created)
        if (auto p = planned_.find(dir); p != planned_.end()) return p->second;
    // The common case, a plain directory (or a missing one) below a resolved parent: one lstat.
    // Links, "." and "..", and anything unexpected are walked in full by resolveInRoot.
    const size_t slash = dir.rfind('/');
    const std::string last = dir.substr(slash + 1);
    if (slash != std::string::npos && !last.empty() && last != "." && last != "..") {
        const std::string parent = slash == 0 ? base_ : directory(dir.substr(0, slash), created);
        std::string host = parent + "/" + last;
        struct stat st {};
        const int found = lstat(host.c_str(), &st);
        if (found == 0 && S_ISDIR(st.st_mode)) {
            dirs_.emplace(dir, host);
            return host;
        }
        if (found != 0 && errno == ENOENT) {
            if (!created) {
                planned_.emplace(dir, host);
                return host;
            }
            if (mkdir(host.c_str(), 0755) == 0) {
                created->push_back(host);
                dirs_.emplace(dir, host);
                return host;
            }
        }
    }
    // Every component of the directory resolved (a placeholder last component makes
    // resolveInRoot follow them all), and remembered once it is a real directory.
    std::string host = resolveInRoot(root_, dir + "/.", created);
    host.resize(host.size() - 2);
    struct stat st {};
    if (lstat(host.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        dirs_.emplace(dir, host);
    else if (!created)
        planned_.emplace(dir, host);
    return host;
}

}  // namespace mpm::transaction
