#include "libmodule/module/ModuleMetadata.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "common/BinaryCodec.hpp"
#include "common/Error.hpp"
#include "common/FaultPoint.hpp"
#include "common/Process.hpp"
#include "libmodule/base/Sack.hpp"
#include "repodata/Checksum.hpp"
#include "solv/File.hpp"

namespace mpm::module {

namespace {

// The whole file, which is held in memory: within the repository's metadata_size_limit.
std::string readDecompressed(const std::string& path, int64_t sizeLimit) {
    std::string exceeded;
    solv::FilePtr f = solv::openCompressedLimited(path, {sizeLimit, 0}, exceeded);
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

}  // namespace

namespace {

constexpr const char* kCacheFormat = "mpm-modules-4";

// What the merged metadata depends on: every repo with modules, its metadata and priority.
std::string cacheKey(const base::Sack& sack) {
    std::string key = kCacheFormat;
    for (const auto& repo : sack.repos())
        if (!repo.metadata.path("modules").empty())
            key += "|" + repo.config->id + "@" + repo.metadata.repomdDigest + "#" +
                   std::to_string(repo.config->priority);
    return key;
}

void write(BinaryWriter& w, const ModuleObsoletes& o) {
    for (const auto* f : {&o.module, &o.stream, &o.context, &o.message, &o.byModule, &o.byStream})
        w.str(*f);
    w.u64(o.modified);
    w.u64(o.eolDate);
    w.u64(o.reset ? 1 : 0);
}

ModuleObsoletes readObsoletes(BinaryReader& r) {
    ModuleObsoletes o;
    for (auto* f : {&o.module, &o.stream, &o.context, &o.message, &o.byModule, &o.byStream})
        *f = r.str();
    o.modified = r.u64();
    o.eolDate = r.u64();
    o.reset = r.u64() != 0;
    return o;
}

// Now as YYYYMMDDhhmm (UTC), the form libmodulemd gives dates in.
uint64_t nowStamp() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return (((static_cast<uint64_t>(tm.tm_year + 1900) * 100 + tm.tm_mon + 1) * 100 + tm.tm_mday) *
                100 +
            tm.tm_hour) *
               100 +
           tm.tm_min;
}

void write(BinaryWriter& w, const ModuleStream& s) {
    for (const auto* f :
         {&s.name, &s.stream, &s.context, &s.arch, &s.summary, &s.description, &s.repo})
        w.str(*f);
    w.u64(s.version);
    w.stringLists(s.profiles);
    w.strings(s.artifacts);
    w.strings(s.demodularized);
    w.u64(s.requires_.size());
    for (const auto& block : s.requires_) w.stringLists(block);
}

ModuleStream readStream(BinaryReader& r) {
    ModuleStream s;
    for (auto* f : {&s.name, &s.stream, &s.context, &s.arch, &s.summary, &s.description, &s.repo})
        *f = r.str();
    s.version = r.u64();
    s.profiles = r.stringLists();
    s.artifacts = r.strings();
    s.demodularized = r.strings();
    s.requires_.resize(r.count());
    for (auto& block : s.requires_) block = r.stringLists();
    return s;
}

std::string readWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return {};
    std::string bytes(static_cast<size_t>(in.tellg()), '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return {};
    return bytes;
}

}  // namespace

std::string ModuleMetadata::encode(const std::string& key,
                                   const std::vector<std::string>& warnings) const {
    BinaryWriter w;
    w.str(key);
    w.u64(streams_.size());
    for (const auto& st : streams_) write(w, st);
    w.u64(defaults_.size());
    for (const auto& [name, d] : defaults_) {
        w.str(name);
        w.str(d.stream);
        w.stringLists(d.profiles);
    }
    w.u64(obsoletes_.size());
    for (const auto& o : obsoletes_) write(w, o);
    w.strings(warnings);
    return w.bytes();
}

bool ModuleMetadata::decode(const std::string& bytes, const std::string& key, ModuleMetadata& md,
                            std::vector<std::string>& warnings) {
    if (bytes.empty()) return false;
    try {
        BinaryReader r(bytes);
        if (r.str() != key) return false;
        ModuleMetadata out;
        out.streams_.resize(r.count());
        for (auto& st : out.streams_) st = readStream(r);
        for (size_t n = r.count(); n > 0; --n) {
            std::string name = r.str();
            ModuleDefaults d;
            d.stream = r.str();
            d.profiles = r.stringLists();
            out.defaults_.emplace(std::move(name), std::move(d));
        }
        out.obsoletes_.resize(r.count());
        for (auto& o : out.obsoletes_) o = readObsoletes(r);
        std::vector<std::string> cached = r.strings();
        if (!r.atEnd()) return false;
        md = std::move(out);
        warnings.insert(warnings.end(), cached.begin(), cached.end());
        return true;
    } catch (const CodecError&) {
        return false;  // a damaged cache is rebuilt
    }
}

// libmodulemd 2.14 uses freed memory on some malformed documents (found by fuzzing), so the
// YAML is parsed in another process: whatever a hostile file does to the parser cannot reach
// mpm. That process is mpm-modulemd-parser (ModulemdParserMain.cpp), the only program linking
// libmodulemd and GLib; it reads the request on stdin and answers the encoded merge ('O'), a
// RepoError's sentence ('E'), or nothing when it crashed.
namespace {

// Where mpm-modulemd-parser is: beside this program (the build tree, and installs that keep
// them together), where `make install` puts it, or where this build made it (the unit tests).
std::string parserProgram() {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    std::vector<std::string> candidates;
    if (!ec) candidates.push_back((self.parent_path() / "mpm-modulemd-parser").string());
    candidates.push_back(MPM_MODULEMD_PARSER_INSTALLED);
    candidates.push_back(MPM_MODULEMD_PARSER_BUILT);
    for (const auto& c : candidates)
        if (access(c.c_str(), X_OK) == 0) return c;
    return candidates.front();
}

}  // namespace

std::string ModuleMetadata::encodeRequest(const std::string& key,
                                          const std::vector<RepoModules>& inputs) {
    BinaryWriter w;
    w.str(key);
    w.u64(inputs.size());
    for (const auto& in : inputs) {
        w.str(in.repoid);
        w.u64(static_cast<uint64_t>(static_cast<int64_t>(in.priority)));
        w.str(in.yaml);
    }
    return w.bytes();
}

bool ModuleMetadata::decodeRequest(const std::string& bytes, std::string& key,
                                   std::vector<RepoModules>& inputs) {
    try {
        BinaryReader r(bytes);
        key = r.str();
        const uint64_t n = r.u64();
        for (uint64_t i = 0; i < n; ++i) {
            RepoModules in;
            in.repoid = r.str();
            in.priority = static_cast<int>(static_cast<int64_t>(r.u64()));
            in.yaml = r.str();
            inputs.push_back(std::move(in));
        }
        return true;
    } catch (const CodecError&) {
        return false;
    }
}

std::string ModuleMetadata::parseIsolated(const base::Sack& sack, const std::string& key) {
    const std::vector<RepoModules> inputs = readInputs(sack);
    std::string names;
    for (const auto& in : inputs) names += (names.empty() ? "'" : ", '") + in.repoid + "'";
    const std::string program = parserProgram();
    const std::string request = encodeRequest(key, inputs);
    auto parse = [&]() -> int {
        // The request on stdin, from memory (as large as the repositories' module metadata).
        UniqueFd in(memfd_create("mpm-modules-request", MFD_CLOEXEC));
        if (!in || !writeAll(in.get(), request) || lseek(in.get(), 0, SEEK_SET) != 0 ||
            dup2(in.get(), STDIN_FILENO) < 0)
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
    ChildProcess child = ChildProcess::start(parse, {.captureStdout = true});
    const std::string reply = child.readStdout();
    const ExitStatus status = child.wait();
    // The child's warnings travel inside the encoding; decode() adds them.
    if (status.ok() && !reply.empty() && reply[0] == 'O') return reply.substr(1);
    if (status.ok() && reply.size() > 1 && reply[0] == 'E') throw Error(reply.substr(1));
    throw Error("the module metadata of repository " + names +
                " crashed the modulemd parser (libmodulemd): the file is damaged or hostile, "
                "and nothing of it was used; run 'mpm clean metadata' and retry, or tell the "
                "repository's owner");
}

std::vector<ModuleMetadata::RepoModules> ModuleMetadata::readInputs(const base::Sack& sack) {
    std::vector<RepoModules> inputs;
    for (const auto& repo : sack.repos()) {
        const std::string path = repo.metadata.path("modules");
        if (path.empty()) continue;
        RepoModules in{repo.config->id, repo.config->priority, {}};
        try {
            in.yaml = readDecompressed(path, repo.metadata.sizeLimit);
        } catch (const std::exception& e) {
            throw RepoError(repo.config->id, std::string("cannot read its module metadata: ") +
                                                 e.what() + "; run 'mpm clean metadata' and retry");
        }
        inputs.push_back(std::move(in));
    }
    return inputs;
}

ModuleMetadata ModuleMetadata::load(const base::Sack& sack, std::vector<std::string>& warnings) {
    bool any = false;
    for (const auto& repo : sack.repos()) any = any || !repo.metadata.path("modules").empty();
    if (!any) return {};
    const std::string key = cacheKey(sack);
    const std::string dir = sack.config().cacheDir();
    const std::string path =
        dir + "/modules-" + repodata::Checksum::ofString(key, "sha256").substr(0, 16) + ".bin";
    // Warm: the cached merge, if it was made from exactly these repos.
    ModuleMetadata md;
    if (decode(readWhole(path), key, md, warnings)) return md;
    const std::string bytes = parseIsolated(sack, key);
    if (!decode(bytes, key, md, warnings))
        throw Error("internal: the module metadata parser returned damaged data");
    // Written atomically; a cache that cannot be written only costs speed. Older merges go.
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const std::string tmp = path + ".tmp-" + std::to_string(getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) {
            std::filesystem::remove(tmp, ec);
            return md;
        }
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("modules-") && (name.ends_with(".bin") || name.ends_with(".cbor")))
            std::filesystem::remove(entry.path(), ec);
    }
    std::filesystem::rename(tmp, path, ec);
    return md;
}

const ModuleObsoletes* ModuleMetadata::obsoletes(const std::string& module,
                                                 const std::string& stream) const {
    const uint64_t now = nowStamp();
    const ModuleObsoletes* best = nullptr;
    for (const auto& o : obsoletes_)
        if (o.module == module && o.stream == stream && o.activeAt(now) &&
            (!best || o.modified > best->modified))
            best = &o;
    return best;
}

const ModuleDefaults* ModuleMetadata::defaults(const std::string& module) const {
    auto it = defaults_.find(module);
    return it == defaults_.end() ? nullptr : &it->second;
}

}  // namespace mpm::module
