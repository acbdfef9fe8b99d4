#include "libmodule/transaction/PreparedRpmDbWrite.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/Error.hpp"
#include "common/HelperProgram.hpp"
#include "common/Interrupt.hpp"
#include "libmodule/rpm/RpmDb.hpp"
#include "libmodule/transaction/RpmDbWriterProtocol.hpp"

namespace mpm::transaction {

namespace {

UniqueFd memoryFile() {
    UniqueFd fd(memfd_create("mpm-rpmdb-plan", MFD_CLOEXEC));
    if (!fd)
        throw Error(std::string("cannot start the RPM database writer: ") + std::strerror(errno));
    return fd;
}

// A copy of `fd` above every fd the child's dup2 calls target, so that none overwrites a
// source still to be moved.
UniqueFd above(int fd) {
    UniqueFd out(fcntl(fd, F_DUPFD_CLOEXEC, 10));
    if (!out)
        throw Error(std::string("cannot start the RPM database writer: ") + std::strerror(errno));
    return out;
}

}  // namespace

bool PreparedRpmDbWrite::possible(const std::string& installroot, const std::string& dbPath) {
    const std::string file = rpm::dbHostDir(installroot, dbPath) + "/rpmdb.sqlite";
    UniqueFd fd(open(file.c_str(), O_RDONLY | O_CLOEXEC));
    // No SQLite database: one to make, unless another backend's is there (ndb, bdb: no
    // transaction the writer could leave uncommitted).
    if (!fd) return errno == ENOENT && rpm::RpmDb::wouldCreate(installroot, dbPath).has_value();
    // SQLite's header: bytes 18 and 19 are 2 in WAL mode, 1 in rollback-journal mode.
    unsigned char header[20];
    return pread(fd.get(), header, sizeof header, 0) == sizeof header && header[18] == 2 &&
           header[19] == 2;
}

PreparedRpmDbWrite::PreparedRpmDbWrite(const std::string& installroot, const std::string& dbPath,
                                       std::string program)
    : installroot_(installroot),
      dbPath_(dbPath),
      program_(program.empty() ? helperProgram("mpm-rpmdb-writer", MPM_RPMDB_WRITER_INSTALLED,
                                               MPM_RPMDB_WRITER_BUILT)
                               : std::move(program)),
      made_(rpm::RpmDb::wouldCreate(installroot, dbPath)) {
    // A socket, not pipes: mpm writes to it with MSG_NOSIGNAL, so a writer that died is an
    // answer (EPIPE) and never a SIGPIPE that kills mpm past its point of no return.
    int ends[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
        throw Error(std::string("cannot start the RPM database writer: ") + std::strerror(errno));
    UniqueFd mine(ends[0]), theirs(ends[1]);
    plan_ = memoryFile();
    UniqueFd plan = above(plan_.get());
    UniqueFd channel = above(theirs.get());
    UniqueFd devnull(open("/dev/null", O_WRONLY | O_CLOEXEC));
    if (!devnull)
        throw Error(std::string("cannot start the RPM database writer: ") + std::strerror(errno));
    UniqueFd quiet = above(devnull.get());
    const pid_t parent = getpid();
    auto body = [&]() -> int {
        // It dies with mpm: a writer left running would hold rpm's lock for nothing.
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) return 3;
        // Its stdout goes to /dev/null: mpm's own carries nothing but the command's result.
        if (dup2(plan.get(), STDIN_FILENO) < 0 || dup2(quiet.get(), STDOUT_FILENO) < 0 ||
            dup2(channel.get(), writer::kChannel) < 0)
            return 3;
        execl(program_.c_str(), program_.c_str(), installroot.c_str(), dbPath.c_str(),
              static_cast<char*>(nullptr));
        writeAll(writer::kChannel,
                 std::string(1, writer::kNotRun) + program_ + ": " + std::strerror(errno) + "\n");
        return 3;
    };
    child_.emplace(ChildProcess::start(body, {}));
    channel_ = std::move(mine);
}

void PreparedRpmDbWrite::begin(const std::string& encodedPlan) {
    // pwrite: the writer reads the file from its start, through the offset the two share.
    for (size_t done = 0; done < encodedPlan.size();) {
        const ssize_t n = pwrite(plan_.get(), encodedPlan.data() + done, encodedPlan.size() - done,
                                 static_cast<off_t>(done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw Error(std::string("cannot hand the transaction to the RPM database writer: ") +
                        std::strerror(errno) + "; nothing was changed");
        done += static_cast<size_t>(n);
    }
    // A writer already gone says so when it is waited for (awaitPrepared).
    send(channel_.get(), &writer::kBegin, 1, MSG_NOSIGNAL);
}

void PreparedRpmDbWrite::journaled() {
    journaled_ = true;
    // (a writer already gone says so when it is waited for)
    send(channel_.get(), &writer::kJournaled, 1, MSG_NOSIGNAL);
}

PreparedRpmDbWrite::~PreparedRpmDbWrite() {
    if (committed_) {
        stop();  // it closes the database (SQLite's checkpoint) and exits
        return;
    }
    channel_.reset();
    child_.reset();  // killed if it still runs: nothing is committed
    if (!pastNoReturn_ && made_) rpm::RpmDb::removeIfEmpty(installroot_, dbPath_, *made_);
}

ExitStatus PreparedRpmDbWrite::stop() {
    channel_.reset();
    if (!child_) return {};
    ExitStatus status = child_->wait();
    child_.reset();
    return status;
}

std::string PreparedRpmDbWrite::readLine() {
    for (;;) {
        if (const size_t nl = pending_.find('\n'); nl != std::string::npos) {
            std::string line = pending_.substr(0, nl);
            pending_.erase(0, nl + 1);
            return line;
        }
        // Waits in slices, so that a Ctrl-C before the point of no return stops the wait.
        pollfd p{channel_.get(), POLLIN, 0};
        const int ready = poll(&p, 1, 100);
        if (ready < 0 && errno != EINTR) return "";
        if (ready <= 0) {
            if (!pastNoReturn_) throwIfInterrupted("waiting for the RPM database");
            continue;
        }
        char buf[4096];
        const ssize_t n = read(channel_.get(), buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return "";
        pending_.append(buf, static_cast<size_t>(n));
    }
}

bool PreparedRpmDbWrite::awaitPrepared() {
    // In a root without a database the writer waits for journaled(): waiting for it before
    // would never end.
    if (!journaled_)
        throw Error("internal: the RPM database writer was awaited before journaled()");
    const std::string line = readLine();
    if (line == std::string(1, writer::kPrepared)) return prepared_ = true;
    if (!line.empty() && line[0] == writer::kNotRun) {
        stop();
        made_.reset();  // it never ran: nothing of it to remove
        return false;   // the journal writes in-process
    }
    if (!line.empty() && line[0] == writer::kFailed)
        throw Error(line.substr(1) + "; nothing was changed");
    if (!line.empty()) {  // not the writer's words: whatever runs there is stopped
        child_.reset();
        throw Error("the RPM database writer (" + program_ + ") answered '" + line +
                    "'; nothing was changed; reinstall mpm, whose package installs it");
    }
    const ExitStatus status = stop();  // its end closed: it is gone, or going
    throw Error("the RPM database writer (" + program_ + ") " + status.describe() +
                " before its writes were made; nothing was changed; run the command again");
}

bool PreparedRpmDbWrite::commit() {
    pastNoReturn_ = true;
    committed_ = prepared_ && send(channel_.get(), &writer::kCommit, 1, MSG_NOSIGNAL) == 1 &&
                 readLine() == std::string(1, writer::kCommitted);
    // Not committed: the writer is gone, dying or failed. It is killed and reaped here, so that
    // rpm's lock it held is free for the caller's own writes (librpm does not wait for it).
    if (!committed_) {
        channel_.reset();
        child_.reset();
    }
    return committed_;
}

}  // namespace mpm::transaction
