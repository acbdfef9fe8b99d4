#include "libmodule/transaction/RootUsers.hpp"

#include <fstream>

namespace mpm::transaction {

namespace {

// name:x:id:... lines, as both files have.
std::map<std::string, unsigned> readIds(const std::string& path) {
    std::map<std::string, unsigned> out{{"root", 0}};
    std::ifstream f(path);
    std::string line;
    while (std::getline(f, line)) {
        size_t a = line.find(':');
        if (a == std::string::npos) continue;
        size_t b = line.find(':', a + 1);
        if (b == std::string::npos) continue;
        size_t c = line.find(':', b + 1);
        try {
            out[line.substr(0, a)] =
                static_cast<unsigned>(std::stoul(line.substr(b + 1, c - b - 1)));
        } catch (const std::exception&) {
        }
    }
    return out;
}

}  // namespace

RootUsers::RootUsers(const std::string& root) : root_(root) {
    reload();
}

void RootUsers::reload() {
    users_ = readIds(root_ + "/etc/passwd");
    groups_ = readIds(root_ + "/etc/group");
}

bool RootUsers::knownUser(const std::string& name) const {
    return users_.count(name) > 0;
}

bool RootUsers::knownGroup(const std::string& name) const {
    return groups_.count(name) > 0;
}

uid_t RootUsers::uid(const std::string& name) {
    auto it = users_.find(name);
    if (it != users_.end()) return it->second;
    if (warned_.insert("u:" + name).second)
        warnings.push_back("user '" + name + "' does not exist in the installroot; using root");
    return 0;
}

gid_t RootUsers::gid(const std::string& name) {
    auto it = groups_.find(name);
    if (it != groups_.end()) return it->second;
    if (warned_.insert("g:" + name).second)
        warnings.push_back("group '" + name + "' does not exist in the installroot; using root");
    return 0;
}

}  // namespace mpm::transaction
