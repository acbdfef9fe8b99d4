#include "repodata/MetadataCache.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/Error.hpp"
#include "common/Interrupt.hpp"
#include "common/Privilege.hpp"
#include "common/Strings.hpp"
#include "repodata/Checksum.hpp"
#include "repodata/Downloader.hpp"
#include "repodata/MirrorList.hpp"
#include "repodata/OptionValue.hpp"
#include "repodata/RepoLoader.hpp"

namespace fs = std::filesystem;

namespace mpm::repodata {

namespace {

// Comps come compressed (group_gz) when the repository offers that, else as plain XML.
const char* kWantedTypes[] = {"primary", "filelists", "modules", "group_gz", "group", "updateinfo"};

std::string readFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

void writeFileAtomic(const std::string& path, const std::string& data) {
    std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << data;
        if (!f.flush()) throw std::runtime_error("cannot write " + tmp);
    }
    fs::rename(tmp, path);
}

void touch(const std::string& path) {
    std::ofstream f(path, std::ios::app);
    f.close();
    fs::last_write_time(path, fs::file_time_type::clock::now());
}

int64_t mtimeOf(const std::string& path) {
    struct stat st {};
    return stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_mtime) : 0;
}

int64_t now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// repomd locations are relative paths inside the repo; anything else is hostile or broken.
bool safeLocation(const std::string& loc) {
    if (loc.empty() || loc[0] == '/' || loc.find("://") != std::string::npos) return false;
    for (const auto& part : fs::path(loc))
        if (part == "..") return false;
    return true;
}

std::string localName(const RepomdRecord& rec) {
    return "repodata/" + fs::path(rec.location).filename().string();
}

// The metadata types this repomd.xml makes a generation hold (comps once, compressed if
// offered).
std::vector<const RepomdRecord*> wantedRecords(const Repomd& repomd) {
    std::vector<const RepomdRecord*> out;
    for (const char* type : kWantedTypes) {
        if (std::string(type) == "group" && repomd.find("group_gz")) continue;
        if (const RepomdRecord* rec = repomd.find(type)) out.push_back(rec);
    }
    return out;
}

// Whether a generation is what its name says: its repomd.xml has the digest it is named by (a
// truncated or scribbled repomd.xml is a damaged generation, refreshed, never read).
bool digestMatches(const std::string& gen, const std::string& digest) {
    std::error_code ec;
    if (!fs::exists(gen + "/repomd.xml", ec)) return false;
    try {
        return Checksum::ofFile(gen + "/repomd.xml", "sha256") == digest;
    } catch (const std::exception&) {
        return false;
    }
}

// Whether it holds the comps its repomd.xml offers, as XML or as comps.solv (a generation an
// mpm before groups made has neither: it is completed by the next refresh).
bool holdsComps(const std::string& gen, const Repomd& repomd) {
    std::error_code ec;
    for (const RepomdRecord* rec : wantedRecords(repomd))
        if (rec->type.starts_with("group") && !fs::exists(gen + "/" + localName(*rec), ec) &&
            !fs::exists(gen + "/comps.solv", ec))
            return false;
    return true;
}

RepoMetadata describe(const RepoConfig& repo, const std::string& genDir, const std::string& digest,
                      std::vector<std::string> mirrors, int64_t checkedAt) {
    RepoMetadata md;
    md.repoid = repo.id;
    md.genDir = genDir;
    md.repomdDigest = digest;
    md.repomd = Repomd::load(genDir + "/repomd.xml", genDir + "/repomd.solv", digest);
    md.sizeLimit = repo.metadata_size_limit;
    md.textLimit = repo.metadata_text_limit;
    md.baseUrls = std::move(mirrors);
    md.checkedAt = checkedAt;
    return md;
}

void removeQuietly(const fs::path& p) {
    std::error_code ec;
    fs::remove_all(p, ec);
}

// A refresh killed midway leaves .tmp-<pid>. Called with the refresh lock held, so every one
// there is abandoned (pids say nothing across containers sharing a cache).
void removeAbandonedTemps(const std::string& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.path().filename().string().starts_with(".tmp-")) removeQuietly(entry.path());
}

// A shared hold on a generation, or null when it is gone (deleted by the process that made a
// newer one current, or by mpm clean).
std::shared_ptr<FileLock> leaseOf(const std::string& gen) {
    auto lock = std::make_shared<FileLock>(
        FileLock::acquireIfPresent(gen + "/.lock", FileLock::Mode::Shared));
    if (!lock->held() || !fs::exists(gen + "/repomd.xml")) return nullptr;
    return lock;
}

// Deletes a generation nobody holds; one in use stays for a later refresh or clean.
bool removeIfUnused(const fs::path& gen) {
    std::error_code ec;
    if (!fs::is_directory(gen, ec)) return true;
    FileLock lock;
    try {
        lock = FileLock::tryAcquire((gen / ".lock").string(), FileLock::Mode::Exclusive);
    } catch (const Error&) {
        return !fs::exists(gen, ec);  // deleted meanwhile, or not ours to delete
    }
    if (!lock.held()) return false;
    removeQuietly(gen);
    return true;
}

// Ctrl-C (once a command catches it) stops a refresh: the downloads it cancelled are no
// repository failure (which skip_if_unavailable would skip, going on without the repository).
void stopIfInterrupted(const RepoConfig& repo) {
    throwIfInterrupted(("refreshing the metadata of repository '" + repo.id + "'").c_str());
}

}  // namespace

// In a generation whose repomd.xml was checked against its signature.
constexpr const char* kVerified = "repomd.verified";

TransferOptions transferOptions(const RepoConfig& r) {
    TransferOptions o;
    o.retries = r.retries < 3 ? r.retries : 3;  // rounds over all mirrors, not per-mirror attempts
    o.timeout = r.timeout;
    o.minrate = r.minrate;
    o.sizeLimit = r.download_size_limit;
    o.deadline = r.download_deadline;
    o.repoid = r.id;
    o.sslverify = r.sslverify;
    o.sslcacert = r.sslcacert;
    o.sslclientcert = r.sslclientcert;
    o.sslclientkey = r.sslclientkey;
    o.proxy = r.proxy;
    o.proxyUsername = r.proxy_username;
    o.proxyPassword = r.proxy_password;
    o.username = r.username;
    o.password = r.password;
    return o;
}

std::string RepoMetadata::path(const std::string& type) const {
    const RepomdRecord* rec = repomd.find(type);
    return rec ? genDir + "/" + localName(*rec) : std::string();
}

bool RepoMetadata::lacks(const std::string& type) const {
    const std::string file = path(type);
    std::error_code ec;
    return !file.empty() && !fs::exists(file, ec);
}

std::string MetadataCache::repoDir(const RepoConfig& repo) const {
    std::string key = join(repo.baseurl, "\n") + "|" + repo.mirrorlist + "|" + repo.metalink;
    return root_ + "/" + repo.id + "-" + Checksum::ofString(key, "sha256").substr(0, 16);
}

bool MetadataCache::isExpired(const RepoConfig& repo, int64_t checkedAt) {
    if (repo.metadata_expire == kNever) return false;
    return now() - checkedAt >= repo.metadata_expire;
}

std::optional<RepoMetadata> MetadataCache::current(const RepoConfig& repo) const {
    const std::string dir = repoDir(repo);
    // `current` may move on between reading it and holding its generation: read it again.
    for (int attempt = 0; attempt < 3; ++attempt) {
        std::error_code ec;
        fs::path target = fs::read_symlink(dir + "/current", ec);
        if (ec) return std::nullopt;
        const std::string gen = dir + "/" + target.string();
        const std::string name = target.filename().string();
        if (!name.starts_with("gen-")) return std::nullopt;
        std::shared_ptr<FileLock> lease = leaseOf(gen);
        if (!lease) continue;
        // damaged or incomplete: refreshed, not read
        if (!digestMatches(gen, name.substr(4))) return std::nullopt;
        // the mirrors in the order the last refresh found working (baseurl and a list's),
        // else the baseurl
        std::vector<std::string> mirrors = parseMirrorList(readFile(dir + "/mirrors"));
        if (mirrors.empty()) mirrors = repo.baseurl;
        try {
            RepoMetadata md = describe(repo, gen, name.substr(4), std::move(mirrors),
                                       mtimeOf(dir + "/last-check"));
            if (!holdsComps(gen, md.repomd)) return std::nullopt;
            md.lease = std::move(lease);
            return md;
        } catch (const std::exception&) {
            return std::nullopt;  // a damaged cache is as good as none: refresh replaces it
        }
    }
    return std::nullopt;
}

void MetadataCache::discard(RepoMetadata& md) const {
    // Without its repomd.xml a generation is no generation: the next sync fetches it again
    // (and deletes it once nobody holds it).
    std::error_code ec;
    fs::remove(md.genDir + "/repomd.xml", ec);
    md.lease.reset();
}

RepoMetadata MetadataCache::sync(const RepoConfig& repo, RefreshPolicy policy) const {
    std::optional<RepoMetadata> cur = current(repo);
    // Metadata cached before repo_gpgcheck was turned on was never verified: check it now.
    const bool unverified = cur && repo.repo_gpgcheck && !fs::exists(cur->genDir + "/" + kVerified);
    if (policy == RefreshPolicy::Never && unverified)
        throw RepoError(repo.id,
                        "the cached metadata was never checked against its signature "
                        "(repo_gpgcheck); run once without -C (or cacheonly=1)");
    if (policy == RefreshPolicy::Never) {
        if (!cur)
            throw RepoError(repo.id,
                            fs::exists(repoDir(repo) + "/current")
                                ? "the cached metadata is damaged; run 'mpm makecache' without "
                                  "-C (or cacheonly=1) to fetch it again"
                                : "no cached metadata; run 'mpm makecache' without -C (or "
                                  "cacheonly=1, --setopt=cacheonly=0 lifts it) first");
        return *cur;
    }
    if (cur && !unverified && policy == RefreshPolicy::IfExpired &&
        !isExpired(repo, cur->checkedAt))
        return *cur;

    for (const auto& u : repo.baseurl)
        if (u.find("$releasever") != std::string::npos)
            throw RepoError(
                repo.id,
                "baseurl uses $releasever but the release version is unknown; pass --releasever");
    // One refresh of a repo at a time. Whoever waited looks again: a refresh that finished
    // while it waited is as good as its own (--refresh included), so N builds starting together
    // ask the server once.
    const std::string dir = repoDir(repo);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw RepoError(repo.id, "cannot create cache directory " + dir + ": " + ec.message());
    if (access(dir.c_str(), W_OK) != 0)
        if (const std::string r = needsRootReason(errno, dir, "refreshing the metadata cache");
            !r.empty())
            throw RepoError(repo.id, r + "; -C uses the cache as it is");
    const auto waitedFrom = fs::file_time_type::clock::now();
    FileLock lock = FileLock::acquire(dir + "/.refresh.lock", FileLock::Mode::Exclusive);
    cur = current(repo);
    if (cur && !(repo.repo_gpgcheck && !fs::exists(cur->genDir + "/" + kVerified))) {
        const auto checked = fs::last_write_time(dir + "/last-check", ec);
        const bool justChecked = !ec && checked >= waitedFrom;
        if (justChecked || (policy == RefreshPolicy::IfExpired && !isExpired(repo, cur->checkedAt)))
            return *cur;
    }
    return refresh(repo, std::move(cur));
}

std::vector<std::string> MetadataCache::listedMirrors(const RepoConfig& repo,
                                                      const std::string& dir,
                                                      std::vector<std::string>& digests) const {
    bool metalink = !repo.metalink.empty();
    const std::string url = metalink ? repo.metalink : repo.mirrorlist;
    const std::string listFile = dir + "/mirrorlist.download";
    DownloadRequest req;
    req.urls = {url};
    req.dest = listFile;
    req.options = transferOptions(repo);
    try {
        Downloader(1).fetch(req);
    } catch (const DownloadError& e) {
        stopIfInterrupted(repo);
        throw RepoError(repo.id, std::string("cannot download the ") +
                                     (metalink ? "metalink" : "mirrorlist") + ": " + e.what());
    }
    const std::string text = readFile(listFile);
    fs::remove(listFile);
    metalink = metalink || text.find("<metalink") != std::string::npos;
    std::vector<std::string> mirrors = metalink ? parseMetalink(text) : parseMirrorList(text);
    if (metalink) digests = metalinkDigests(text);
    if (mirrors.empty())
        throw RepoError(repo.id, std::string("the ") + (metalink ? "metalink " : "mirrorlist ") +
                                     url + " lists no usable mirror");
    return mirrors;
}

// What one refresh of one repository works with.
struct MetadataCache::Refresh {
    const RepoConfig& repo;
    const std::optional<RepoMetadata>& previous;
    std::string dir;                   // the repo's cache directory
    std::string tmp;                   // the generation being made
    std::vector<std::string> mirrors;  // base URLs, in order
    std::string kept;                  // "; the previous metadata is kept", when there is some
    std::vector<std::string> digests;  // "type:hex" a metalink allows for repomd.xml (or none)
};

// repomd.xml, checked against its signature (repo_gpgcheck) before anything it says is
// trusted, and parsed.
Repomd MetadataCache::fetchRepomd(Refresh& r) const {
    DownloadRequest repomdReq;
    auto onEachMirror = [&r] {
        std::vector<std::string> urls;
        for (const auto& m : r.mirrors) urls.push_back(joinUrl(m, "repodata/repomd.xml"));
        return urls;
    };
    repomdReq.urls = onEachMirror();
    repomdReq.dest = r.tmp + "/repomd.xml";
    repomdReq.options = transferOptions(r.repo);
    size_t served = 0;
    try {
        if (r.digests.empty()) {
            served = Downloader(1).fetch(repomdReq);
        } else {
            // A metalink names the repomd.xml it knows: a mirror serving another one (stale,
            // or forged) is skipped for the next, as librepo does.
            std::vector<std::string> stale;
            const std::vector<std::string> urls = repomdReq.urls;
            bool found = false;
            for (size_t i = 0; i < urls.size() && !found; i = served + 1) {
                // the mirrors from this one on: the downloader's failover for unreachable ones
                repomdReq.urls.assign(urls.begin() + static_cast<long>(i), urls.end());
                served = i + Downloader(1).fetch(repomdReq);
                for (const auto& d : r.digests) {
                    const size_t colon = d.find(':');
                    if (Checksum::ofFile(repomdReq.dest, d.substr(0, colon)) == d.substr(colon + 1))
                        found = true;
                }
                if (!found) stale.push_back(urls[served]);
            }
            if (!found)
                throw RepoError(r.repo.id, "no mirror serves the repomd.xml the metalink names (" +
                                               join(stale, ", ") +
                                               " serve another: stale or altered)" + r.kept);
        }
    } catch (const DownloadError& e) {
        stopIfInterrupted(r.repo);
        throw RepoError(r.repo.id, std::string("cannot download metadata: ") + e.what() + r.kept);
    }
    // The mirror that served it first, for the rest of the refresh and what is kept of it (a
    // baseurl that did not answer, when a list's mirror did, is no longer the first).
    if (served > 0) {
        std::rotate(r.mirrors.begin(), r.mirrors.begin() + static_cast<long>(served),
                    r.mirrors.begin() + static_cast<long>(served) + 1);
        repomdReq.urls = onEachMirror();
    }
    if (r.repo.repo_gpgcheck) {
        if (!verifier_)
            throw RepoError(r.repo.id,
                            "repo_gpgcheck is on but this command cannot check signatures");
        DownloadRequest ascReq = repomdReq;
        for (auto& u : ascReq.urls) u += ".asc";
        ascReq.dest = r.tmp + "/repomd.xml.asc";
        try {
            Downloader(1).fetch(ascReq);
        } catch (const DownloadError& e) {
            stopIfInterrupted(r.repo);
            throw RepoError(r.repo.id, std::string("repo_gpgcheck is on, but the signature "
                                                   "repomd.xml.asc cannot be had (") +
                                           e.what() + ")" + r.kept);
        }
        try {
            verifier_(r.repo, r.tmp + "/repomd.xml", r.tmp + "/repomd.xml.asc");
        } catch (const std::exception& e) {
            throw RepoError(r.repo.id, e.what() + r.kept);
        }
    }
    try {
        return Repomd::parseFile(r.tmp + "/repomd.xml");
    } catch (const std::exception& e) {
        throw RepoError(r.repo.id, std::string("repomd.xml is not valid repository metadata (") +
                                       e.what() + ")" + r.kept);
    }
}

// The files repomd.xml names (unchanged ones hard-linked from the previous generation),
// verified, parsed into .solv caches, and only then stored as generation `gen`: a repo whose
// checksums match but whose content is broken never replaces good metadata.
void MetadataCache::fetchGeneration(const Refresh& r, const Repomd& repomd,
                                    const std::string& digest, const std::string& gen) const {
    std::error_code ec;
    std::vector<DownloadRequest> requests;
    for (const RepomdRecord* rec : wantedRecords(repomd)) {
        const std::string type = rec->type;
        if (!safeLocation(rec->location))
            throw RepoError(r.repo.id,
                            "repomd.xml names an unsafe location '" + rec->location + "'" + r.kept);
        if (!Checksum::isKnownType(rec->checksumType))
            throw RepoError(
                r.repo.id,
                std::string(type) + " metadata has no usable checksum in repomd.xml" + r.kept);
        const std::string dest = r.tmp + "/" + localName(*rec);
        if (r.previous) {
            const RepomdRecord* old = r.previous->repomd.find(type);
            if (old && old->checksum == rec->checksum) {
                fs::create_hard_link(r.previous->genDir + "/" + localName(*old), dest, ec);
                if (!ec) continue;
                ec.clear();
            }
        }
        requests.push_back(recordRequest(r, *rec, dest));
    }
    const auto outcomes = Downloader(maxParallel_).run(requests);
    stopIfInterrupted(r.repo);
    for (const auto& o : outcomes)
        if (!o.ok) throw RepoError(r.repo.id, "cannot download metadata: " + o.error + r.kept);
    const RepoMetadata candidate = describe(r.repo, r.tmp, digest, r.mirrors, now());
    if (downloaded_) downloaded_(r.repo, candidate);
    try {
        RepoLoader::buildSolv(candidate);
    } catch (const std::exception& e) {
        throw RepoError(r.repo.id, std::string(e.what()) + r.kept);
    }
    stopIfInterrupted(r.repo);  // the parse cannot be stopped; its result is not kept
    fs::rename(r.tmp, gen, ec);
    if (ec) throw RepoError(r.repo.id, "cannot store metadata in " + gen + ": " + ec.message());
}

// Adds to an existing generation the advisories it lacks (RepoMetadata::lacks): downloaded and
// verified beside it, then renamed in (its readers see the file whole or not at all).
void MetadataCache::completeGeneration(const Refresh& r, const Repomd& repomd,
                                       const std::string& gen) const {
    const RepomdRecord* rec = repomd.find("updateinfo");
    if (!rec || !safeLocation(rec->location) || !Checksum::isKnownType(rec->checksumType)) return;
    const DownloadRequest req = recordRequest(r, *rec, r.tmp + "/" + localName(*rec));
    try {
        Downloader(1).fetch(req);
    } catch (const DownloadError& e) {
        stopIfInterrupted(r.repo);
        throw RepoError(r.repo.id, std::string("cannot download metadata: ") + e.what() + r.kept);
    }
    std::error_code ec;
    fs::rename(req.dest, gen + "/" + localName(*rec), ec);
    if (ec) throw RepoError(r.repo.id, "cannot store metadata in " + gen + ": " + ec.message());
}

DownloadRequest MetadataCache::recordRequest(const Refresh& r, const RepomdRecord& rec,
                                             const std::string& dest) const {
    DownloadRequest req;
    for (const auto& m : r.mirrors) req.urls.push_back(joinUrl(m, rec.location));
    req.dest = dest;
    req.checksumType = rec.checksumType;
    req.checksum = rec.checksum;
    req.expectedSize = rec.size;
    req.options = transferOptions(r.repo);
    return req;
}

// Makes `genName` current with one rename(2), then drops the generations nothing reaches.
void MetadataCache::publish(const Refresh& r, const std::string& genName) const {
    std::error_code ec;
    const std::string link = r.dir + "/current.new";
    fs::remove(link, ec);
    fs::create_symlink(genName, link, ec);
    if (!ec) fs::rename(link, r.dir + "/current", ec);
    if (ec) throw RepoError(r.repo.id, "cannot update " + r.dir + "/current: " + ec.message());
    touch(r.dir + "/last-check");
    for (const auto& entry : fs::directory_iterator(r.dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("gen-") && name != genName) removeIfUnused(entry.path());
    }
}

RepoMetadata MetadataCache::refresh(const RepoConfig& repo,
                                    std::optional<RepoMetadata> previous) const {
    Refresh r{repo, previous, repoDir(repo),
              "",   {},       previous ? "; the previous metadata is kept" : ""};
    removeAbandonedTemps(r.dir);
    // baseurl first, then the mirrorlist's or metalink's mirrors, as librepo tries them; a
    // metalink's digests check the baseurl's repomd.xml too. A list that cannot be had is said
    // only when the baseurl fails as well.
    const bool listed = !repo.mirrorlist.empty() || !repo.metalink.empty();
    std::string listFailure;
    if (repo.baseurl.empty()) {
        r.mirrors = listedMirrors(repo, r.dir, r.digests);
    } else {
        r.mirrors = repo.baseurl;
        if (listed) try {
                for (auto& m : listedMirrors(repo, r.dir, r.digests))
                    if (std::find(r.mirrors.begin(), r.mirrors.end(), m) == r.mirrors.end())
                        r.mirrors.push_back(std::move(m));
            } catch (const RepoError& e) {
                listFailure = e.reason();
            }
    }
    r.tmp = r.dir + "/.tmp-" + std::to_string(getpid());
    removeQuietly(r.tmp);
    fs::create_directories(r.tmp + "/repodata");
    struct TmpGuard {
        std::string path;
        ~TmpGuard() { removeQuietly(path); }
    } guard{r.tmp};

    Repomd repomd;
    try {
        repomd = fetchRepomd(r);
    } catch (const RepoError& e) {
        if (listFailure.empty()) throw;
        std::string why = e.reason();
        if (!r.kept.empty() && why.ends_with(r.kept)) why.resize(why.size() - r.kept.size());
        throw RepoError(repo.id, why + "; and the " +
                                     (repo.metalink.empty() ? "mirrorlist: " : "metalink: ") +
                                     listFailure + r.kept);
    }
    // the order that worked, for the runs that use this metadata (current())
    if (listed) writeFileAtomic(r.dir + "/mirrors", join(r.mirrors, "\n") + "\n");
    const std::string digest = Checksum::ofFile(r.tmp + "/repomd.xml", "sha256");
    if (previous && previous->repomdDigest == digest) {  // unchanged: the generation stays
        // A generation without the advisories (an older mpm's) stays usable, -C included;
        // this refresh completes it.
        if (previous->lacks("updateinfo"))
            completeGeneration(r, previous->repomd, previous->genDir);
        if (repo.repo_gpgcheck)
            writeFileAtomic(previous->genDir + "/" + kVerified, "repo_gpgcheck\n");
        touch(r.dir + "/last-check");
        RepoMetadata same = *previous;
        same.baseUrls = r.mirrors;
        same.checkedAt = now();
        return same;
    }
    const std::string genName = "gen-" + digest;
    const std::string gen = r.dir + "/" + genName;
    if (!digestMatches(gen, digest) || !holdsComps(gen, repomd)) {
        removeIfUnused(gen);  // a leftover, or a damaged one: no generation to reuse
        fetchGeneration(r, repomd, digest, gen);
    }
    if (repo.repo_gpgcheck) writeFileAtomic(gen + "/" + kVerified, "repo_gpgcheck\n");
    std::shared_ptr<FileLock> lease = leaseOf(gen);
    if (!lease) throw RepoError(repo.id, "the metadata in " + gen + " vanished as it was stored");
    previous.reset();  // our own hold on the old generation must not keep it
    publish(r, genName);
    RepoMetadata md = describe(repo, gen, digest, r.mirrors, now());
    md.lease = std::move(lease);
    return md;
}

}  // namespace mpm::repodata
