#include "libmodule/transaction/ScriptletRunner.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "common/Error.hpp"
#include "common/Interrupt.hpp"
#include "common/Process.hpp"
#include "common/UniqueFd.hpp"
#include "libmodule/rpm/LuaScript.hpp"

namespace mpm::transaction {

namespace {

// The script file is removed whatever happens to the run.
struct ScriptFile {
    std::string path;
    ~ScriptFile() {
        if (!path.empty()) unlink(path.c_str());
    }
};

// A Lua file trigger reads its paths with rpm.next_file() (it has no standard input): defined
// on the first line, ahead of the script, over the paths as Lua long strings.
std::string luaNextFile(const std::vector<std::string>& paths) {
    std::string level = "=";
    for (const auto& p : paths)
        while ((p + "]" + level + "]").find("]" + level + "]") < p.size()) level += "=";
    std::string code = "do local files, i = {";
    for (const auto& p : paths) code += "[" + level + "[" + p + "]" + level + "],";
    return code + "}, 0; rpm.next_file = function() i = i + 1; return files[i] end end ";
}

}  // namespace

bool ScriptletRunner::interpreterPresent(const rpm::Scriptlet* script) const {
    if (!script || script->isLua()) return true;
    return access(((chrooted() ? root_ : "") + script->interpreter).c_str(), X_OK) == 0;
}

void ScriptletRunner::report(const rpm::Scriptlet& script, const std::string& sentence) {
    if (rpm::scriptletCanRefuse(script.kind))
        throw Error(sentence + "; nothing was changed (--noscripts skips scriptlets)");
    warnings_.push_back(sentence);
}

std::string ScriptletRunner::insideRoot(const std::string& hostPath) const {
    return chrooted() && !hostPath.empty() ? hostPath.substr(root_.size()) : hostPath;
}

std::string ScriptletRunner::writeTemp(const std::string& what, const rpm::Scriptlet& script,
                                       const std::string& content) {
    const std::string tmpDir = (chrooted() ? root_ : "") + "/var/tmp";
    mkdir(((chrooted() ? root_ : "") + "/var").c_str(), 0755);
    mkdir(tmpDir.c_str(), 01777);
    std::string path = tmpDir + "/mpm-scriptlet-XXXXXX";
    UniqueFd fd(mkstemp(path.data()));
    if (!fd) {
        report(script,
               what + " was not run: cannot write it to " + tmpDir + ": " + std::strerror(errno));
        return {};
    }
    // Part of a script is another script: it runs whole or not at all.
    if (!writeAll(fd.get(), content) || fsync(fd.get()) != 0) {
        const std::string why = std::strerror(errno);
        unlink(path.c_str());
        report(script, what + " was not run: cannot write it to " + tmpDir + ": " + why);
        return {};
    }
    return path;
}

void ScriptletRunner::run(const std::string& nevra, const rpm::Scriptlet* script, int arg1,
                          int arg2, const std::string& cause) {
    start(nevra, script, arg1, arg2, cause, nullptr);
}

void ScriptletRunner::runWithInput(const std::string& nevra, const rpm::Scriptlet* script, int arg1,
                                   const std::vector<std::string>& input) {
    start(nevra, script, arg1, -1, {}, &input);
}

void ScriptletRunner::start(const std::string& nevra, const rpm::Scriptlet* script, int arg1,
                            int arg2, const std::string& cause,
                            const std::vector<std::string>* input) {
    if (disabled_ || !script) return;
    const std::string what = std::string("%") + rpm::scriptletName(script->kind) +
                             " scriptlet of " + nevra +
                             (cause.empty() ? "" : " (set off by " + cause + ")");
    if (chrooted() && geteuid() != 0) {
        warnings_.push_back(what + " was skipped: running it inside " + root_ + " needs root");
        return;
    }
    if (!interpreterPresent(script)) {
        warnings_.push_back(what + " was skipped: " + script->interpreter +
                            " does not exist in the installroot");
        return;
    }
    // A Lua scriptlet runs in rpm's interpreter in the child itself (a Lua file trigger gets
    // its paths through rpm.next_file()); a shell one from a file, a file trigger's paths as
    // its standard input.
    ScriptFile file, inputFile;
    if (!script->isLua()) {
        file.path = writeTemp(what, *script, script->body);
        if (file.path.empty()) return;
        if (input) {
            std::string lines;
            for (const auto& l : *input) lines += l + "\n";
            inputFile.path = writeTemp(what, *script, lines);
            if (inputFile.path.empty()) return;
        }
    }
    const std::string inside = insideRoot(file.path);
    const std::string inputInside = insideRoot(inputFile.path);
    const std::string arg = std::to_string(arg1);
    const std::string second = arg2 >= 0 ? std::to_string(arg2) : "";
    const std::string& interpreter = script->interpreter;
    const bool chroots = chrooted();
    const std::string& root = root_;
    // rpm names a Lua chunk "%post(NAME-VERSION-RELEASE.ARCH)" in its error messages.
    const std::string luaName =
        std::string("%") + rpm::scriptletName(script->kind) + "(" + nevra + ")";
    auto body = [&]() -> int {
        if (chroots && (chroot(root.c_str()) != 0 || chdir("/") != 0)) return 127;
        // rpm's environment: the caller's (SOURCE_DATE_EPOCH for reproducible output, LANG),
        // with rpm's PATH; a TMPDIR names a host directory, which a chroot does not have.
        setenv("PATH", "/sbin:/bin:/usr/sbin:/usr/bin", 1);
        if (chroots) unsetenv("TMPDIR");
        UniqueFd in(open(inputInside.empty() ? "/dev/null" : inputInside.c_str(), O_RDONLY));
        if (in) dup2(in.get(), STDIN_FILENO);
        dup2(STDERR_FILENO, STDOUT_FILENO);  // a scriptlet's chatter must not mix with results
        if (script->isLua()) {
            if (chdir("/") != 0) return 127;
            // rpm's arg: the interpreter's name, then $1.
            std::vector<std::string> args = {"<lua>", arg};
            if (!second.empty()) args.push_back(second);
            const bool ok = rpm::runLuaScript(
                input ? luaNextFile(*input) + script->body : script->body, luaName, args);
            std::fflush(stdout);  // the child ends with _exit: print()'s buffer goes out first
            std::fflush(stderr);
            return ok ? 0 : 1;
        }
        if (!second.empty())
            execl(interpreter.c_str(), interpreter.c_str(), inside.c_str(), arg.c_str(),
                  second.c_str(), nullptr);
        else
            execl(interpreter.c_str(), interpreter.c_str(), inside.c_str(), arg.c_str(), nullptr);
        return 127;
    };
    // Its own process group, so that stopping it stops what it started too.
    std::optional<ChildProcess> child;
    try {
        child.emplace(ChildProcess::start(body, {.ownProcessGroup = true}));
    } catch (const Error& e) {
        report(*script, what + " could not start: " + e.what());
        return;
    }
    // Before the point of no return a Ctrl-C stops a scriptlet that may still refuse the
    // transaction; after it, interrupts are held and every scriptlet runs to its end.
    const bool stoppable = rpm::scriptletCanRefuse(script->kind);
    const ExitStatus status = child->wait([&] { return stoppable && interruptRequested(); });
    if (status.stopped) throw Error("interrupted during the " + what + "; nothing was changed");
    if (!status.ok()) report(*script, what + " " + status.describe());
}

}  // namespace mpm::transaction
