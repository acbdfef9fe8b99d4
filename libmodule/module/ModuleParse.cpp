#include "libmodule/module/ModuleParse.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/Error.hpp"
#include "common/FaultPoint.hpp"
#include "common/HelperProgram.hpp"
#include "common/Interrupt.hpp"
#include "solv/File.hpp"

namespace mpm::module {

namespace {

// A modules file opened by mpm when the parse starts: the parser's process reads it, and may
// do so after a refresh has moved the file into its generation.
struct OpenedFile {
    UniqueFd fd;
    int error = 0;  // errno of the open that failed
};

OpenedFile openFile(const std::string& path) {
    OpenedFile f{UniqueFd(open(path.c_str(), O_RDONLY | O_CLOEXEC))};
    if (!f.fd) f.error = errno;
    return f;
}

// The whole file, which is held in memory: within the repository's metadata_size_limit.
std::string readDecompressed(OpenedFile file, const std::string& path, int64_t sizeLimit) {
    if (!file.fd) throw std::runtime_error(std::strerror(file.error));
    solv::FilePtr inner = solv::openCompressed(file.fd.get(), path);
    if (!inner) throw std::runtime_error(std::strerror(errno));
    file.fd.release();  // the FILE owns it now
    std::string exceeded;
    solv::FilePtr f = solv::openCompressedLimited(std::move(inner), {sizeLimit, 0}, exceeded);
    if (!f) throw std::runtime_error(std::strerror(errno));
    std::string out;
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) out.append(buf, n);
    if (!exceeded.empty())
        throw std::runtime_error("refused: " + exceeded + " (metadata_size_limit)");
    if (std::ferror(f.get())) throw std::runtime_error("read error (damaged compression?)");
    return out;
}

std::string parserProgram() {
    return helperProgram("mpm-modulemd-parser", MPM_MODULEMD_PARSER_INSTALLED,
                         MPM_MODULEMD_PARSER_BUILT);
}

}  // namespace

ModuleParse::ModuleParse(std::string key, std::vector<Source> sources, std::string program)
    : key_(std::move(key)), answer_(memfd_create("mpm-modules-answer", MFD_CLOEXEC)) {
    for (const auto& s : sources) names_ += (names_.empty() ? "'" : ", '") + s.repoid + "'";
    if (!answer_)
        throw Error(std::string("cannot read module metadata: no memory file for its parser (") +
                    std::strerror(errno) + ")");
    if (program.empty()) program = parserProgram();
    std::vector<OpenedFile> files;
    for (const auto& s : sources) files.push_back(openFile(s.path));
    const int answer = answer_.get();
    auto parse = [&]() -> int {
        if (dup2(answer, STDOUT_FILENO) < 0) return 3;
        std::vector<ModuleMetadata::RepoModules> inputs;
        for (size_t i = 0; i < sources.size(); ++i) {
            const Source& s = sources[i];
            try {
                inputs.push_back({s.repoid, s.priority,
                                  readDecompressed(std::move(files[i]), s.path, s.sizeLimit)});
            } catch (const std::exception& e) {
                return writeAll(STDOUT_FILENO, "R" + s.repoid + '\n' + e.what()) ? 0 : 3;
            }
        }
        // The request on stdin, from memory (as large as the repositories' module metadata).
        UniqueFd in(memfd_create("mpm-modules-request", MFD_CLOEXEC));
        if (!in || !writeAll(in.get(), ModuleMetadata::encodeRequest(key_, inputs)) ||
            lseek(in.get(), 0, SEEK_SET) != 0 || dup2(in.get(), STDIN_FILENO) < 0)
            return 3;
        // The parser's own complaints (GLib warnings) are not the user's concern: mpm words
        // its findings as warnings of its own.
        UniqueFd devnull(open("/dev/null", O_WRONLY));
        if (devnull) dup2(devnull.get(), STDERR_FILENO);
        faultPoint("module-parser");  // the tests' stand-in for a parser that crashes
        execl(program.c_str(), program.c_str(), static_cast<char*>(nullptr));
        const std::string why = std::string("E") + "cannot run the module metadata parser " +
                                program + " (" + std::strerror(errno) +
                                "); reinstall mpm, whose package installs it";
        return writeAll(STDOUT_FILENO, why) ? 0 : 3;
    };
    child_.emplace(ChildProcess::start(parse, {}));
}

std::string ModuleParse::finish() {
    const ExitStatus status = child_->wait();
    std::string reply;
    if (lseek(answer_.get(), 0, SEEK_SET) != 0 || !readAll(answer_.get(), reply)) reply.clear();
    // The child's warnings travel inside the encoding; decode() adds them.
    if (status.ok() && !reply.empty() && reply[0] == 'O') return reply.substr(1);
    if (status.ok() && reply.size() > 1 && reply[0] == 'E') throw Error(reply.substr(1));
    if (const size_t nl = reply.find('\n');
        status.ok() && reply.starts_with("R") && nl != reply.npos)
        throw RepoError(reply.substr(1, nl - 1),
                        "cannot read its module metadata: " + reply.substr(nl + 1) +
                            "; run 'mpm clean metadata' and retry");
    // A Ctrl-C reaches the parser too (it runs beside a whole refresh): that is no crash.
    throwIfInterrupted("reading the module metadata");
    throw Error("the module metadata of repository " + names_ +
                " crashed the modulemd parser (libmodulemd): the file is damaged or hostile, "
                "and nothing of it was used; run 'mpm clean metadata' and retry, or tell the "
                "repository's owner");
}

}  // namespace mpm::module
