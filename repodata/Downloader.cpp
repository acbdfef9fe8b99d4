#include "repodata/Downloader.hpp"

#include <fcntl.h>

#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <memory>
#include <set>

#include "common/Error.hpp"
#include "common/Interrupt.hpp"
#include "common/UniqueFd.hpp"
#include "repodata/Checksum.hpp"
#include "repodata/CurlLibrary.hpp"
#include "solv/File.hpp"

namespace fs = std::filesystem;

namespace mpm::repodata {

namespace {

struct EasyDeleter {
    void operator()(CURL* c) const noexcept { curl().easy_cleanup(c); }
};
using EasyPtr = std::unique_ptr<CURL, EasyDeleter>;
struct MultiDeleter {
    void operator()(CURLM* m) const noexcept { curl().multi_cleanup(m); }
};
using MultiPtr = std::unique_ptr<CURLM, MultiDeleter>;

// One request in flight (or waiting for its next attempt).
struct Transfer {
    const DownloadRequest* req = nullptr;
    size_t index = 0;
    size_t mirror = 0;
    int round = 0;
    bool resumeNext = false;
    bool anyTransient = false;
    std::vector<std::string> failures;  // "url: reason"

    EasyPtr easy;
    solv::FilePtr out;
    std::unique_ptr<Checksum> digest;
    int64_t written = 0;
    bool overflow = false;
    int writeErrno = 0;  // why the last write to the .part file failed
    char errbuf[CURL_ERROR_SIZE] = {};
};

size_t onData(char* data, size_t size, size_t nmemb, void* userp) {
    auto* t = static_cast<Transfer*>(userp);
    size_t len = size * nmemb;
    const int64_t limit =
        t->req->expectedSize >= 0 ? t->req->expectedSize : t->req->options.sizeLimit;
    if (limit > 0 && t->written + static_cast<int64_t>(len) > limit) {
        t->overflow = true;  // more data than announced: stop early instead of filling the disk
        return 0;
    }
    if (std::fwrite(data, 1, len, t->out.get()) != len) {
        t->writeErrno = errno;
        return 0;
    }
    if (t->digest) t->digest->add(data, len);
    t->written += static_cast<int64_t>(len);
    return len;
}

std::string partPath(const DownloadRequest& r) {
    return r.dest + ".part";
}

// The .part file, opened without following a symlink (one planted where it goes must not
// redirect a download run as root) and only when it is a regular file. Null with errno set.
solv::FilePtr openPart(const std::string& part, bool append) {
    UniqueFd fd(::open(part.c_str(),
                       O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (append ? O_APPEND : O_TRUNC),
                       0644));
    if (fd.get() < 0) return nullptr;
    struct stat st {};
    if (fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
        errno = EINVAL;
        return nullptr;
    }
    solv::FilePtr f(fdopen(fd.get(), append ? "ab" : "wb"));
    if (f) fd.release();  // the FILE owns it now
    return f;
}

// Opens the .part file and configures the easy handle for the current mirror.
bool prepare(Transfer& t, std::string& error) {
    const DownloadRequest& r = *t.req;
    const std::string part = partPath(r);
    std::error_code ec;
    fs::create_directories(fs::path(r.dest).parent_path(), ec);
    t.written = 0;
    t.overflow = false;
    t.writeErrno = 0;
    t.digest = r.checksumType.empty() ? nullptr : std::make_unique<Checksum>(r.checksumType);
    struct stat st {};
    bool resuming = t.resumeNext && lstat(part.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
                    st.st_size > 0 && (r.expectedSize < 0 || st.st_size < r.expectedSize);
    if (resuming && t.digest) {
        // The digest covers the whole file, so feed it the bytes we already have.
        solv::FilePtr old = solv::openPlain(part, "rb");
        char buf[65536];
        size_t n;
        while (old && (n = std::fread(buf, 1, sizeof buf, old.get())) > 0) t.digest->add(buf, n);
    }
    t.out = openPart(part, resuming);
    if (!t.out) {
        error = "cannot write " + part + ": " +
                (errno == ELOOP ? std::string("a symbolic link is in its place (not followed)")
                                : std::strerror(errno));
        return false;
    }
    if (resuming) t.written = st.st_size;

    t.easy.reset(curl().easy_init());
    CURL* e = t.easy.get();
    const TransferOptions& o = r.options;
    curl().easy_setopt(e, CURLOPT_URL, r.urls[t.mirror].c_str());
    curl().easy_setopt(e, CURLOPT_WRITEFUNCTION, onData);
    curl().easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl().easy_setopt(e, CURLOPT_PRIVATE, &t);
    curl().easy_setopt(e, CURLOPT_ERRORBUFFER, t.errbuf);
    curl().easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl().easy_setopt(e, CURLOPT_MAXREDIRS, 10L);
    curl().easy_setopt(e, CURLOPT_FAILONERROR, 1L);
    curl().easy_setopt(e, CURLOPT_CONNECTTIMEOUT, static_cast<long>(o.timeout));
    // "No progress for `timeout` seconds" rather than a cap on the whole transfer.
    curl().easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT,
                       static_cast<long>(std::max<int64_t>(1, o.minrate)));
    curl().easy_setopt(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.timeout));
    // A file whose size nothing states could trickle just above minrate up to the size limit
    // for hours: it gets a deadline too.
    if (r.expectedSize < 0 && o.deadline > 0)
        curl().easy_setopt(e, CURLOPT_TIMEOUT, static_cast<long>(o.deadline));
    curl().easy_setopt(e, CURLOPT_USERAGENT, "mpm/0.1");
    curl().easy_setopt(e, CURLOPT_SSL_VERIFYPEER, o.sslverify ? 1L : 0L);
    curl().easy_setopt(e, CURLOPT_SSL_VERIFYHOST, o.sslverify ? 2L : 0L);
    if (!o.sslcacert.empty()) curl().easy_setopt(e, CURLOPT_CAINFO, o.sslcacert.c_str());
    if (!o.sslclientcert.empty()) curl().easy_setopt(e, CURLOPT_SSLCERT, o.sslclientcert.c_str());
    if (!o.sslclientkey.empty()) curl().easy_setopt(e, CURLOPT_SSLKEY, o.sslclientkey.c_str());
    if (!o.proxy.empty()) curl().easy_setopt(e, CURLOPT_PROXY, o.proxy.c_str());
    if (!o.username.empty()) curl().easy_setopt(e, CURLOPT_USERNAME, o.username.c_str());
    if (!o.password.empty()) curl().easy_setopt(e, CURLOPT_PASSWORD, o.password.c_str());
    if (!o.proxyUsername.empty())
        curl().easy_setopt(e, CURLOPT_PROXYUSERNAME, o.proxyUsername.c_str());
    if (!o.proxyPassword.empty())
        curl().easy_setopt(e, CURLOPT_PROXYPASSWORD, o.proxyPassword.c_str());
    if (resuming)
        curl().easy_setopt(e, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(st.st_size));
    return true;
}

bool isTransient(CURLcode code, long http) {
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
        case CURLE_COULDNT_CONNECT:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_COULDNT_RESOLVE_HOST:
            return true;
        case CURLE_HTTP_RETURNED_ERROR:
            return http >= 500 || http == 429 || http == 408;
        default:
            return false;
    }
}

// Evaluates a finished attempt; empty string = success. Sets `transient`.
std::string judge(Transfer& t, CURLcode code, bool& transient) {
    transient = false;
    long http = 0;
    curl().easy_getinfo(t.easy.get(), CURLINFO_RESPONSE_CODE, &http);
    if (t.out && std::fflush(t.out.get()) != 0) {
        // (the last buffered bytes: the disk's failure as any other write's, said once)
        t.writeErrno = errno;
        return "cannot write " + partPath(*t.req) + ": " + std::strerror(t.writeErrno);
    }
    t.out.reset();
    if (t.overflow && t.req->expectedSize >= 0)
        return "server sent more than the expected " + std::to_string(t.req->expectedSize) +
               " bytes";
    if (t.overflow)
        return "server sent more than " + std::to_string(t.req->options.sizeLimit) +
               " bytes for a file whose size no metadata states (download_size_limit" +
               (t.req->options.repoid.empty() ? "" : " of repository " + t.req->options.repoid) +
               ")";
    if (code == CURLE_WRITE_ERROR && t.writeErrno)
        return "cannot write " + partPath(*t.req) + ": " + std::strerror(t.writeErrno);
    if (code != CURLE_OK) {
        transient = isTransient(code, http);
        if (code == CURLE_HTTP_RETURNED_ERROR) return "HTTP " + std::to_string(http);
        std::string what = t.errbuf[0] ? std::string(t.errbuf) : curl().easy_strerror(code);
        // Say which option fixes it: the message alone leaves a user guessing.
        if (code == CURLE_PEER_FAILED_VERIFICATION)
            what +=
                " (the server's certificate is not trusted: set sslcacert= to the CA that "
                "signed it; sslverify=0 turns checking off)";
        else if (code == CURLE_SSL_CERTPROBLEM)
            what += " (check sslclientcert= and sslclientkey=)";
        else if (code == CURLE_OPERATION_TIMEDOUT && what.starts_with("Operation too slow"))
            what += " (minrate= and timeout= say how slow is too slow)";
        else if (code == CURLE_OPERATION_TIMEDOUT && t.req->expectedSize < 0)
            what += " (download_deadline: " + std::to_string(t.req->options.deadline) +
                    " s for a file whose size no metadata states)";
        return what;
    }
    if (t.req->expectedSize >= 0 && t.written != t.req->expectedSize)
        return "size " + std::to_string(t.written) + " bytes, expected " +
               std::to_string(t.req->expectedSize);
    if (t.digest) {
        std::string got = t.digest->hex();
        if (got != t.req->checksum)
            return t.req->checksumType + " checksum mismatch (expected " + t.req->checksum +
                   ", got " + got + ")";
    }
    return {};
}

}  // namespace

Downloader::Downloader(int maxParallel) : maxParallel_(maxParallel < 1 ? 1 : maxParallel) {
    curl();  // loads libcurl, or says why it cannot
}

namespace {

// One run(): the transfers, what is waiting for a connection slot, and every outcome.
class Batch {
  public:
    Batch(const std::vector<DownloadRequest>& requests, int maxParallel,
          const DownloadProgress& progress)
        : requests_(requests),
          outcomes_(requests.size()),
          maxParallel_(maxParallel),
          progress_(progress),
          multi_(curl().multi_init()) {
        for (size_t i = 0; i < requests.size(); ++i) {
            if (requests[i].expectedSize > 0)
                total_ += static_cast<uint64_t>(requests[i].expectedSize);
            if (requests[i].urls.empty()) {
                outcomes_[i].error = requests[i].dest + ": no URL to download from";
                continue;
            }
            auto t = std::make_unique<Transfer>();
            t->req = &requests[i];
            t->index = i;
            t->resumeNext = requests[i].resume;
            waiting_.push_back(t.get());
            transfers_.push_back(std::move(t));
        }
    }

    std::vector<DownloadOutcome> run() {
        while (active_ > 0 || !waiting_.empty()) {
            if (interruptRequested()) {
                cancelAll();
                return std::move(outcomes_);
            }
            while (active_ < maxParallel_ && !waiting_.empty()) {
                Transfer* t = waiting_.front();
                waiting_.pop_front();
                start(*t);
            }
            int running = 0;
            curl().multi_perform(multi_.get(), &running);
            collectFinished();
            report(false);
            if (active_ > 0) curl().multi_poll(multi_.get(), nullptr, 0, 100, nullptr);
        }
        report(true);
        return std::move(outcomes_);
    }

  private:
    void fail(Transfer& t, const std::string& why) {
        outcomes_[t.index].ok = false;
        outcomes_[t.index].error = fs::path(t.req->dest).filename().string() + ": " + why;
        outcomes_[t.index].writeErrno = t.writeErrno;
        std::error_code ec;
        fs::remove(partPath(*t.req), ec);
    }

    void start(Transfer& t) {
        // A mirror that could not be reached in this run is not waited for again (its timeout
        // for every package) while another is left to try in this round.
        while (unreachable_.count(originOf(t.req->urls[t.mirror])) && reachableAfter(t)) ++t.mirror;
        std::string error;
        if (!prepare(t, error)) {
            fail(t, error);
            return;
        }
        curl().multi_add_handle(multi_.get(), t.easy.get());
        ++active_;
    }

    // Moves on to the next mirror, or the next round, or gives up.
    void advance(Transfer& t, const std::string& why, bool transient) {
        t.failures.push_back(t.req->urls[t.mirror] + ": " + why);
        t.anyTransient = t.anyTransient || transient;
        t.resumeNext = false;
        if (++t.mirror >= t.req->urls.size()) {
            if (!t.anyTransient || t.round >= t.req->options.retries) {
                // Each failure once, with how many times it came (the same refusal on every
                // round said four times was a paragraph).
                std::vector<std::pair<std::string, int>> seen;
                for (const auto& f : t.failures) {
                    auto it = std::find_if(seen.begin(), seen.end(),
                                           [&](const auto& s) { return s.first == f; });
                    if (it == seen.end())
                        seen.emplace_back(f, 1);
                    else
                        ++it->second;
                }
                std::string all;
                for (const auto& [f, n] : seen)
                    all += (all.empty() ? "" : "; ") + f +
                           (n > 1 ? " (" + std::to_string(n) + " attempts)" : "");
                fail(t, "download failed (" + all + ")");
                return;
            }
            ++t.round;
            t.mirror = 0;
            t.anyTransient = false;
        }
        waiting_.push_back(&t);
    }

    // Transfers curl has finished: verified into place, or on to the next attempt.
    void collectFinished() {
        int queued = 0;
        while (CURLMsg* msg = curl().multi_info_read(multi_.get(), &queued)) {
            if (msg->msg != CURLMSG_DONE) continue;
            Transfer* t = nullptr;
            curl().easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&t));
            const CURLcode code = msg->data.result;
            curl().multi_remove_handle(multi_.get(), msg->easy_handle);
            --active_;
            bool transient = false;
            const std::string why = judge(*t, code, transient);
            t->easy.reset();
            const bool noAnswer = code == CURLE_COULDNT_CONNECT ||
                                  code == CURLE_COULDNT_RESOLVE_HOST ||
                                  (code == CURLE_OPERATION_TIMEDOUT && t->written == 0);
            if (noAnswer) unreachable_.insert(originOf(t->req->urls[t->mirror]));
            if (!why.empty()) {
                advance(*t, why, transient);
                continue;
            }
            std::error_code ec;
            fs::rename(partPath(*t->req), t->req->dest, ec);
            if (ec)
                fail(*t, "cannot move into place: " + ec.message());
            else {
                outcomes_[t->index].ok = true;
                outcomes_[t->index].mirror = t->mirror;
            }
        }
    }

    // Ctrl-C: stop every transfer and leave no partial file behind.
    void cancelAll() {
        for (auto& t : transfers_) {
            if (t->easy) curl().multi_remove_handle(multi_.get(), t->easy.get());
            t->easy.reset();
            t->out.reset();
            if (outcomes_[t->index].ok) continue;
            std::error_code ec;
            fs::remove(partPath(*t->req), ec);
            outcomes_[t->index].error =
                fs::path(t->req->dest).filename().string() + ": interrupted";
        }
    }

    void report(bool final) {
        if (!progress_) return;
        const auto now = std::chrono::steady_clock::now();
        if (!final && now - lastReport_ < std::chrono::milliseconds(100)) return;
        lastReport_ = now;
        uint64_t done = 0;
        size_t finished = 0;
        for (const auto& t : transfers_) {
            if (outcomes_[t->index].ok) {
                ++finished;
                done += t->req->expectedSize > 0 ? static_cast<uint64_t>(t->req->expectedSize) : 0;
            } else if (t->easy) {
                done += static_cast<uint64_t>(t->written);
            }
        }
        progress_(done, total_, finished, requests_.size());
    }

    const std::vector<DownloadRequest>& requests_;
    std::vector<DownloadOutcome> outcomes_;
    const int maxParallel_;
    const DownloadProgress& progress_;
    std::vector<std::unique_ptr<Transfer>> transfers_;
    std::deque<Transfer*> waiting_;
    std::set<std::string> unreachable_;  // origins that did not answer in this run

    // "https://host:port" of a URL (nothing for a local file).
    static std::string originOf(const std::string& url) {
        const size_t scheme = url.find("://");
        if (scheme == std::string::npos || url.starts_with("file:")) return {};
        return url.substr(0, url.find('/', scheme + 3));
    }
    bool reachableAfter(const Transfer& t) const {
        for (size_t i = t.mirror + 1; i < t.req->urls.size(); ++i)
            if (!unreachable_.count(originOf(t.req->urls[i]))) return true;
        return false;
    }
    MultiPtr multi_;
    int active_ = 0;
    uint64_t total_ = 0;
    std::chrono::steady_clock::time_point lastReport_ =
        std::chrono::steady_clock::now() - std::chrono::seconds(1);
};

}  // namespace

std::vector<DownloadOutcome> Downloader::run(const std::vector<DownloadRequest>& requests) {
    return Batch(requests, maxParallel_, progress_).run();
}

size_t Downloader::fetch(const DownloadRequest& request) {
    auto outcome = run({request});
    if (!outcome[0].ok) throw DownloadError(outcome[0].error);
    return outcome[0].mirror;
}

std::string describeFailures(const std::vector<DownloadRequest>& requests,
                             const std::vector<DownloadOutcome>& outcomes) {
    std::string each;
    size_t failed = 0;
    int sharedErrno = -1;  // -1: none seen yet; 0: not every failure is the same write error
    std::string dir;
    for (size_t i = 0; i < outcomes.size(); ++i) {
        if (outcomes[i].ok) continue;
        ++failed;
        each += (each.empty() ? "" : "; ") + outcomes[i].error;
        const int e = outcomes[i].writeErrno;
        sharedErrno = sharedErrno == -1 || sharedErrno == e ? e : 0;
        if (i < requests.size()) dir = fs::path(requests[i].dest).parent_path().string();
    }
    if (failed == 0) return {};
    if (sharedErrno > 0)
        return std::to_string(failed) + (failed == 1 ? " file" : " files") +
               " could not be written in " + dir + ": " + std::strerror(sharedErrno) +
               (sharedErrno == ENOSPC ? " (free some space, or set cachedir elsewhere)" : "");
    return each;
}

}  // namespace mpm::repodata
