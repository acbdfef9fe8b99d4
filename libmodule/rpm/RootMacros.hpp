// A root's own rpm configuration, read as text (usr/lib/rpm/macros, macros.d, etc/rpm): what
// rpm inside the root would take (its %_dbpath, an image's %_install_langs), never the host's.
#pragma once

#include <map>
#include <string>

namespace mpm::rpm {

class RootMacros {
  public:
    explicit RootMacros(const std::string& installroot);
    // The value of macro `name` (without '%'), its macros expanded; empty when no file
    // defines it or its value is more than text (a shell call, a condition).
    std::string get(const std::string& name) const;

  private:
    std::map<std::string, std::string> macros_;
};

}  // namespace mpm::rpm
