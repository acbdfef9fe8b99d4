// User and group names resolved against the installroot's etc/passwd and etc/group (not the
// host's), as rpm does inside a chroot. Unknown names fall back to root (0), with a warning
// collected for the caller; `known` asks without falling back (a %pre of the transaction may
// still add the name: the files wait for it, and `reload` reads the files again).
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mpm::transaction {

class RootUsers {
  public:
    explicit RootUsers(const std::string& root);
    uid_t uid(const std::string& name);
    gid_t gid(const std::string& name);
    // Whether the root has the name now.
    bool knownUser(const std::string& name) const;
    bool knownGroup(const std::string& name) const;
    void reload();
    std::vector<std::string> warnings;

  private:
    std::string root_;
    std::map<std::string, unsigned> users_, groups_;
    std::set<std::string> warned_;  // "u:NAME", "g:NAME": said once
};

}  // namespace mpm::transaction
