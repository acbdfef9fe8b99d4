#include "libmodule/transaction/PreparedRpmDbWrite.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/Error.hpp"
#include "common/HelperProgram.hpp"
#include "common/Interrupt.hpp"
#include "libmodule/rpm/RpmDb.hpp"

namespace mpm::transaction {

namespace fs = std::filesystem;

namespace {

constexpr int kCommands = 3;  // the writer's fd for mpm's "C"

UniqueFd memoryFile(const std::string& bytes) {
    UniqueFd fd(memfd_create("mpm-rpmdb-plan", MFD_CLOEXEC));
    if (!fd || !writeAll(fd.get(), bytes) || lseek(fd.get(), 0, SEEK_SET) != 0)
        throw Error(std::string("cannot hand the transaction to the RPM database writer: ") +
                    std::strerror(errno) + "; nothing was changed");
    return fd;
}

// In the forked child: `from` becomes `to`, open across exec (sources are above the targets).
bool moveTo(int from, int to) {
    return dup2(from, to) == to;
}

}  // namespace

bool PreparedRpmDbWrite::possible(const std::string& installroot, const std::string& dbPath) {
    const std::string file = rpm::dbHostDir(installroot, dbPath) + "/rpmdb.sqlite";
    UniqueFd fd(open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) return errno == ENOENT;
    // SQLite's header: bytes 18 and 19 are 2 in WAL mode, 1 in rollback-journal mode.
    unsigned char header[20];
    return pread(fd.get(), header, sizeof header, 0) == sizeof header && header[18] == 2 &&
           header[19] == 2;
}

PreparedRpmDbWrite::PreparedRpmDbWrite(const std::string& installroot, const std::string& dbPath,
                                       const std::string& encodedPlan, std::string program)
    : program_(program.empty() ? helperProgram("mpm-rpmdb-writer", MPM_RPMDB_WRITER_INSTALLED,
                                               MPM_RPMDB_WRITER_BUILT)
                               : std::move(program)),
      created_(whatWritingCreates(installroot, dbPath)) {
    UniqueFd plan = memoryFile(encodedPlan);
    int commands[2], replies[2];
    if (pipe2(commands, O_CLOEXEC) != 0)
        throw Error(std::string("cannot create a pipe: ") + std::strerror(errno));
    UniqueFd commandRead(commands[0]), commandWrite(commands[1]);
    if (pipe2(replies, O_CLOEXEC) != 0)
        throw Error(std::string("cannot create a pipe: ") + std::strerror(errno));
    UniqueFd replyRead(replies[0]), replyWrite(replies[1]);
    // Above every target fd, so that no dup2 overwrites a source still to be moved.
    UniqueFd planHigh(fcntl(plan.get(), F_DUPFD_CLOEXEC, 10));
    UniqueFd commandHigh(fcntl(commandRead.get(), F_DUPFD_CLOEXEC, 10));
    UniqueFd replyHigh(fcntl(replyWrite.get(), F_DUPFD_CLOEXEC, 10));
    if (!planHigh || !commandHigh || !replyHigh)
        throw Error(std::string("cannot start the RPM database writer: ") + std::strerror(errno));
    const std::string& prog = program_;
    auto body = [&]() -> int {
        if (!moveTo(planHigh.get(), STDIN_FILENO) || !moveTo(replyHigh.get(), STDOUT_FILENO) ||
            !moveTo(commandHigh.get(), kCommands))
            return 3;
        execl(prog.c_str(), prog.c_str(), installroot.c_str(), dbPath.c_str(),
              static_cast<char*>(nullptr));
        writeAll(STDOUT_FILENO, "X" + prog + ": " + std::strerror(errno) + "\n");
        return 3;
    };
    child_.emplace(ChildProcess::start(body, {}));
    toWriter_ = std::move(commandWrite);
    fromWriter_ = std::move(replyRead);
}

PreparedRpmDbWrite::~PreparedRpmDbWrite() {
    toWriter_.reset();  // the writer exits without committing...
    child_.reset();     // ...and is gone (killed if it was not) before its files are removed
    if (!committing_) removeCreated();
}

std::optional<PreparedRpmDbWrite::Created> PreparedRpmDbWrite::whatWritingCreates(
    const std::string& installroot, const std::string& dbPath) {
    Created c;
    c.dir = rpm::dbHostDir(installroot, dbPath);
    if (!rpm::dbChangeMarker(c.dir).empty()) return std::nullopt;  // a database is there
    std::error_code ec;
    auto missing = [&](const fs::path& from) {
        std::vector<std::string> out;
        for (fs::path p = from;
             !p.empty() && p != p.root_path() && !fs::exists(fs::symlink_status(p, ec));
             p = p.parent_path())
            out.push_back(p.string());
        return out;
    };
    c.dirs = missing(c.dir);
    for (fs::directory_iterator it(c.dir, ec), end; !ec && it != end; it.increment(ec))
        c.hadBefore.insert(it->path().string());
    if (const std::string link = rpm::legacyDbLink(installroot, dbPath);
        !link.empty() && !fs::exists(fs::symlink_status(link, ec))) {
        c.link = link;
        c.linkDirs = missing(fs::path(link).parent_path());
    }
    return c;
}

void PreparedRpmDbWrite::removeCreated() const {
    if (!created_) return;
    std::error_code ec;
    std::vector<fs::path> made;
    for (fs::directory_iterator it(created_->dir, ec), end; !ec && it != end; it.increment(ec))
        if (!created_->hadBefore.count(it->path().string())) made.push_back(it->path());
    for (const auto& p : made) fs::remove(p, ec);
    for (const auto& d : created_->dirs) fs::remove(d, ec);  // only when empty
    if (!created_->link.empty() && fs::is_symlink(fs::symlink_status(created_->link, ec)))
        fs::remove(created_->link, ec);
    for (const auto& d : created_->linkDirs) fs::remove(d, ec);
}

std::string PreparedRpmDbWrite::readLine() {
    for (;;) {
        if (const size_t nl = pending_.find('\n'); nl != std::string::npos) {
            std::string line = pending_.substr(0, nl);
            pending_.erase(0, nl + 1);
            return line;
        }
        // Waits in slices, so that a Ctrl-C before the point of no return stops the wait.
        pollfd p{fromWriter_.get(), POLLIN, 0};
        const int ready = poll(&p, 1, 100);
        if (ready < 0 && errno != EINTR) return "";
        if (ready <= 0) {
            if (!prepared_) throwIfInterrupted("waiting for the RPM database");
            continue;
        }
        char buf[4096];
        const ssize_t n = read(fromWriter_.get(), buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return "";
        pending_.append(buf, static_cast<size_t>(n));
    }
}

bool PreparedRpmDbWrite::awaitPrepared() {
    const std::string line = readLine();
    if (line == "P") return prepared_ = true;
    if (line.starts_with("X")) return false;  // no writer to run: the journal writes in-process
    if (line.starts_with("E")) throw Error(line.substr(1) + "; nothing was changed");
    const ExitStatus status = child_->wait();
    throw Error("the RPM database writer (" + program_ + ") " + status.describe() +
                " before its writes were made; nothing was changed; run the command again");
}

bool PreparedRpmDbWrite::commit() {
    committing_ = true;
    if (!prepared_ || !writeAll(toWriter_.get(), "C")) return false;
    toWriter_.reset();
    const bool committed = readLine() == "C";
    child_->wait();
    return committed;
}

}  // namespace mpm::transaction
