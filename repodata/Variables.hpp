// dnf's substitution variables: $releasever, $basearch, $arch, plus files in etc/dnf/vars and
// etc/mpm/vars (file name = variable, first line = value). Both $name and ${name} forms.
#pragma once

#include <functional>
#include <map>
#include <string>

namespace mpm::repodata {

class Variables {
  public:
    void set(const std::string& name, const std::string& value) { vars_[name] = value; }
    // A variable computed when first asked for ($releasever from the installed release
    // package: runs whose files never name it never read the RPM database for it). An empty
    // answer leaves it unknown.
    void setLazy(const std::string& name, std::function<std::string()> compute) {
        lazy_[name] = std::move(compute);
    }
    const std::string* get(const std::string& name) const;
    // Reads every regular file in `dir`; a missing dir is fine.
    void loadDir(const std::string& dir);
    // Replaces known variables; unknown ones stay verbatim (as dnf does).
    std::string substitute(const std::string& text) const;

    // rpm's arch of this machine and the base arch dnf derives from it.
    static std::string hostArch();
    // Architectures --forcearch takes (rpm's names).
    static bool isKnownArch(const std::string& arch);
    // Whether programs built for `arch` run here: the host's own, i686 on x86_64, or any arch
    // the kernel hands to an emulator (binfmt_misc qemu-ARCH, as mkosi sets up).
    static bool canRun(const std::string& arch);
    static std::string baseArchOf(const std::string& arch);

  private:
    mutable std::map<std::string, std::string> vars_;
    mutable std::map<std::string, std::function<std::string()>> lazy_;
};

}  // namespace mpm::repodata
