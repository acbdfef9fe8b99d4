// User and group names resolved against the installroot's etc/passwd and etc/group (not the
// host's), as rpm does inside a chroot. Unknown names fall back to root (0), with a warning
// collected for the caller.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace mpm::transaction {

class RootUsers {
  public:
    explicit RootUsers(const std::string& root);
    uid_t uid(const std::string& name);
    gid_t gid(const std::string& name);
    std::vector<std::string> warnings;

  private:
    std::map<std::string, unsigned> users_, groups_;
};

}  // namespace mpm::transaction
