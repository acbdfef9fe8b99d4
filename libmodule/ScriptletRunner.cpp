#include "libmodule/ScriptletRunner.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "common/Error.hpp"

namespace mpm {

bool ScriptletRunner::interpreterPresent(const Scriptlet& script) const {
    if (script.empty() || script.interpreter == "<lua>") return true;
    const bool chrooted = !root_.empty() && root_ != "/";
    return access(((chrooted ? root_ : "") + script.interpreter).c_str(), X_OK) == 0;
}

void ScriptletRunner::run(const std::string& nevra, const std::string& which,
                          const Scriptlet& script, int arg1) {
    if (disabled_ || script.empty()) return;
    const std::string what = "%" + which + " scriptlet of " + nevra;
    const bool chrooted = !root_.empty() && root_ != "/";
    if (script.interpreter == "<lua>") {
        warnings_.push_back(what + " is written in Lua, which mpm does not run; it was skipped");
        return;
    }
    if (chrooted && geteuid() != 0) {
        warnings_.push_back(what + " was skipped: running it inside " + root_ + " needs root");
        return;
    }
    const std::string interpHost = (chrooted ? root_ : "") + script.interpreter;
    if (access(interpHost.c_str(), X_OK) != 0) {
        warnings_.push_back(what + " was skipped: " + script.interpreter +
                            " does not exist in the installroot");
        return;
    }
    // The script goes into the root's /var/tmp so the chrooted interpreter can read it.
    const std::string tmpDir = (chrooted ? root_ : "") + "/var/tmp";
    mkdir(((chrooted ? root_ : "") + "/var").c_str(), 0755);
    mkdir(tmpDir.c_str(), 01777);
    std::string tmpl = tmpDir + "/mpm-scriptlet-XXXXXX";
    int fd = mkstemp(tmpl.data());
    if (fd < 0) {
        warnings_.push_back(what + " was skipped: cannot write it to " + tmpDir + ": " +
                            std::strerror(errno));
        return;
    }
    (void)!write(fd, script.body.data(), script.body.size());
    close(fd);
    const std::string inside = chrooted ? tmpl.substr(root_.size()) : tmpl;
    const std::string arg = std::to_string(arg1);

    pid_t pid = fork();
    if (pid == 0) {
        if (chrooted && (chroot(root_.c_str()) != 0 || chdir("/") != 0)) _exit(127);
        clearenv();
        setenv("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", 1);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0) dup2(devnull, 0);
        dup2(2, 1);  // a scriptlet's chatter must not mix with mpm's result on stdout
        execl(script.interpreter.c_str(), script.interpreter.c_str(), inside.c_str(), arg.c_str(),
              nullptr);
        _exit(127);
    }
    int status = 0;
    if (pid > 0) waitpid(pid, &status, 0);
    unlink(tmpl.c_str());
    const bool ok = pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (ok) return;
    const std::string how = pid < 0 ? "could not start"
                            : WIFEXITED(status)
                                ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                : "was killed by signal " + std::to_string(WTERMSIG(status));
    if (which == "pre" || which == "preun" || which == "pretrans")
        throw Error(what + " " + how + "; nothing was changed (--noscripts skips scriptlets)");
    warnings_.push_back(what + " " + how);
}

}  // namespace mpm
