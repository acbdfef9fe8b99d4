// Private temporary directories under $TMPDIR (else /tmp), mode 0700 and removed with
// everything in them when their owner dies: files made inside cannot be redirected by
// another local user, whatever the kernel's symlink protections.
#pragma once

#include <string>

namespace mpm {

// $TMPDIR when it is set to an absolute path, else /tmp.
std::string tempRoot();

class TempDir {
  public:
    // Throws Error naming the directory it could not create.
    explicit TempDir(const std::string& prefix = "mpm");
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

}  // namespace mpm
