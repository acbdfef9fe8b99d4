// Parallel downloads with libcurl's multi interface: mirrors tried in order, transient failures
// retried, partial files resumed, content checksummed while it streams, and the final file
// renamed into place only once verified (a failed download never leaves a file at `dest`).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mpm::repodata {

struct TransferOptions {
    int retries = 3;                       // extra rounds over all mirrors for transient failures
    int timeout = 30;                      // seconds below minrate before giving up on a mirror
    int64_t minrate = 1000;                // bytes per second
    int64_t sizeLimit = 64 * 1024 * 1024;  // for a file whose size is not stated
    int64_t deadline = 600;                // seconds in all for such a file (0 or less: none)
    std::string repoid;  // names the repository in the sentences about these limits
    bool sslverify = true;
    std::string sslcacert, sslclientcert, sslclientkey;
    std::string proxy, proxyUsername, proxyPassword;
    std::string username, password;  // the server's HTTP authentication
};

struct DownloadRequest {
    std::vector<std::string> urls;  // the same file on each mirror, tried in order
    std::string dest;
    std::string checksumType;  // empty: no verification
    std::string checksum;      // hex
    int64_t expectedSize = -1;
    bool resume = false;  // continue dest + ".part" if present
    TransferOptions options;
};

struct DownloadOutcome {
    bool ok = false;
    std::string error;   // one sentence naming the file and every mirror's failure
    int writeErrno = 0;  // the download could not be written (ENOSPC...): the disk, not the server
    size_t mirror = 0;   // which of the request's urls served it
};

// The failures of a batch as one sentence: a write failure shared by every failed file (a full
// disk) is said once with its directory, not once per file.
std::string describeFailures(const std::vector<DownloadRequest>& requests,
                             const std::vector<DownloadOutcome>& outcomes);

// Bytes done and expected so far (expected counts only requests that know their size), and
// files finished out of all. Called at most ten times a second, and once at the end.
using DownloadProgress =
    std::function<void(uint64_t done, uint64_t total, size_t filesDone, size_t files)>;

class Downloader {
  public:
    explicit Downloader(int maxParallel = 3);
    void onProgress(DownloadProgress progress) { progress_ = std::move(progress); }
    // Runs every request; one outcome per request, in order. Never throws for a failed download.
    std::vector<DownloadOutcome> run(const std::vector<DownloadRequest>& requests);
    // One file; throws DownloadError with the outcome's message.
    // Returns which of its urls served it.
    size_t fetch(const DownloadRequest& request);

  private:
    int maxParallel_;
    DownloadProgress progress_;
};

}  // namespace mpm::repodata
