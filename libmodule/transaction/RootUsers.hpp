// User and group names resolved against the installroot's etc/passwd and etc/group (not the
// host's), as rpm does inside a chroot. Unknown names fall back to root (0), with a warning
// collected for the caller; `known` asks without falling back (a %pre of the transaction may
// still add the name: the files wait for it, and `reload` reads the files again).
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mpm::transaction {

class RootUsers {
  public:
    explicit RootUsers(const std::string& root);
    uid_t uid(const std::string& name);
    gid_t gid(const std::string& name);
    // Whether the root has both names now.
    bool known(const std::string& user, const std::string& group) const;
    void reload();
    std::vector<std::string> warnings;

  private:
    std::string root_;
    std::map<std::string, unsigned> users_, groups_;
};

}  // namespace mpm::transaction
