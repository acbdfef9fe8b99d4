#include "libmodule/module/ModuleMetadata.hpp"

#include <modulemd.h>

#include <fcntl.h>
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
#include "libmodule/module/GObjectPtr.hpp"
#include "repodata/Checksum.hpp"
#include "solv/File.hpp"

// Exported by libmodulemd 2.14 but declared only in its private header.
extern "C" const gchar* modulemd_obsoletes_get_module_name(ModulemdObsoletes* self);
extern "C" const gchar* modulemd_obsoletes_get_module_stream(ModulemdObsoletes* self);

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

// The module a failed subdocument was about, for the warning ("module: nodejs").
std::string subject(ModulemdSubdocumentInfo* info) {
    const gchar* yaml = modulemd_subdocument_info_get_yaml(info);
    if (!yaml) return "a document";
    const char* m = std::strstr(yaml, "name:");
    if (!m) m = std::strstr(yaml, "module:");
    if (!m) return "a document";
    const char* start = std::strchr(m, ':') + 1;
    while (*start == ' ') ++start;
    const char* end = start;
    while (*end && *end != '\n') ++end;
    return "module " + std::string(start, end);
}

std::string str(const gchar* v) {
    return v ? std::string(v) : std::string();
}

// A GError's words; libmodulemd sets some errors without any (found by fuzzing).
std::string messageOf(const GError* e, const char* otherwise) {
    return e && e->message ? std::string(e->message) : std::string(otherwise);
}

ModuleStream convert(ModulemdModuleStream* base, const std::string& repo) {
    ModuleStream s;
    auto* v2 = MODULEMD_MODULE_STREAM_V2(base);
    s.name = str(modulemd_module_stream_get_module_name(base));
    s.stream = str(modulemd_module_stream_get_stream_name(base));
    s.version = modulemd_module_stream_get_version(base);
    s.context = str(modulemd_module_stream_get_context(base));
    s.arch = str(modulemd_module_stream_v2_get_arch(v2));
    s.summary = str(modulemd_module_stream_v2_get_summary(v2, "C"));
    s.description = str(modulemd_module_stream_v2_get_description(v2, "C"));
    s.repo = repo;
    for (const auto& profile : takeStrv(modulemd_module_stream_v2_get_profile_names_as_strv(v2))) {
        ModulemdProfile* p = modulemd_module_stream_v2_get_profile(v2, profile.c_str());
        s.profiles[profile] =
            p ? takeStrv(modulemd_profile_get_rpms_as_strv(p)) : std::vector<std::string>{};
    }
    s.artifacts = takeStrv(modulemd_module_stream_v2_get_rpm_artifacts_as_strv(v2));
    s.demodularized = takeStrv(modulemd_module_stream_v2_get_demodularized_rpms(v2));
    GPtrArray* deps = modulemd_module_stream_v2_get_dependencies(v2);  // owned by the stream
    for (guint i = 0; deps && i < deps->len; ++i) {
        auto* d = static_cast<ModulemdDependencies*>(g_ptr_array_index(deps, i));
        std::map<std::string, std::vector<std::string>> block;
        for (const auto& module : takeStrv(modulemd_dependencies_get_runtime_modules_as_strv(d)))
            block[module] =
                takeStrv(modulemd_dependencies_get_runtime_streams_as_strv(d, module.c_str()));
        s.requires_.push_back(std::move(block));
    }
    return s;
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

ModuleObsoletes convert(ModulemdObsoletes* o) {
    ModuleObsoletes out;
    out.module = str(modulemd_obsoletes_get_module_name(o));
    out.stream = str(modulemd_obsoletes_get_module_stream(o));
    out.context = str(modulemd_obsoletes_get_module_context(o));
    out.modified = modulemd_obsoletes_get_modified(o);
    out.eolDate = modulemd_obsoletes_get_eol_date(o);
    out.message = str(modulemd_obsoletes_get_message(o));
    out.byModule = str(modulemd_obsoletes_get_obsoleted_by_module_name(o));
    out.byStream = str(modulemd_obsoletes_get_obsoleted_by_module_stream(o));
    out.reset = modulemd_obsoletes_get_reset(o);
    return out;
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
// YAML is parsed in a child process: whatever a hostile file does to the parser cannot reach
// mpm. The child sends back the encoded merge ('O'), a RepoError's sentence ('E'), or nothing
// when it crashed.
std::string ModuleMetadata::parseIsolated(const base::Sack& sack, const std::string& key) {
    const std::vector<RepoModules> inputs = readInputs(sack);
    std::string names;
    for (const auto& in : inputs) names += (names.empty() ? "'" : ", '") + in.repoid + "'";
    auto parse = [&]() -> int {
        // The parser's own complaints (GLib warnings) are not the user's concern: mpm words
        // its findings as warnings of its own.
        UniqueFd devnull(open("/dev/null", O_WRONLY));
        if (devnull) dup2(devnull.get(), STDERR_FILENO);
        faultPoint("module-parser");  // the tests' stand-in for a parser that crashes
        std::string reply;
        try {
            std::vector<std::string> found;
            ModuleMetadata md = fromDocuments(inputs, found);
            reply = "O" + md.encode(key, found);
        } catch (const RepoError& e) {
            reply = std::string("E") + e.what();  // "repository 'id': ..."
        }
        return writeAll(STDOUT_FILENO, reply) ? 0 : 3;
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

ModuleMetadata ModuleMetadata::fromDocuments(const std::vector<RepoModules>& inputs,
                                             std::vector<std::string>& warnings) {
    ModuleMetadata md;
    GObjectPtr<ModulemdModuleIndexMerger> merger(modulemd_module_index_merger_new());
    bool any = false;
    for (const auto& repo : inputs) {
        const std::string& yaml = repo.yaml;
        GObjectPtr<ModulemdModuleIndex> index(modulemd_module_index_new());
        GPtrArray* rawFailures = nullptr;
        GError* rawError = nullptr;
        modulemd_module_index_update_from_string(index.get(), yaml.c_str(), FALSE, &rawFailures,
                                                 &rawError);
        GPtrArrayPtr failures(rawFailures);
        GErrorPtr error(rawError);
        if (error)
            throw RepoError(repo.repoid, std::string("its module metadata is not valid YAML (") +
                                             messageOf(error.get(), "unreadable") + ")");
        for (guint i = 0; failures && i < failures->len; ++i) {
            auto* info =
                static_cast<ModulemdSubdocumentInfo*>(g_ptr_array_index(failures.get(), i));
            const GError* why = modulemd_subdocument_info_get_gerror(info);
            warnings.push_back("repository '" + repo.repoid + "': skipped an invalid document of " +
                               subject(info) + " (" + messageOf(why, "invalid") + ")");
        }
        for (const auto& name :
             takeStrv(modulemd_module_index_get_module_names_as_strv(index.get()))) {
            ModulemdModule* module = modulemd_module_index_get_module(index.get(), name.c_str());
            GPtrArray* streams = modulemd_module_get_all_streams(module);  // owned by the module
            for (guint i = 0; streams && i < streams->len; ++i) {
                auto* s = static_cast<ModulemdModuleStream*>(g_ptr_array_index(streams, i));
                if (modulemd_module_stream_get_mdversion(s) < MD_MODULESTREAM_VERSION_TWO) continue;
                md.streams_.push_back(convert(s, repo.repoid));
            }
        }
        // libmodulemd takes 0..1000 and the larger wins; dnf's priority is 1..99999 and the
        // smaller wins. Priorities past 1000 all tie at 0.
        const int mdPriority = 1000 - std::min(repo.priority, 1000);
        modulemd_module_index_merger_associate_index(merger.get(), index.get(), mdPriority);
        any = true;
    }
    if (!any) return md;
    GError* rawError = nullptr;
    GObjectPtr<ModulemdModuleIndex> merged(
        modulemd_module_index_merger_resolve(merger.get(), &rawError));
    GErrorPtr error(rawError);
    if (!merged) {
        warnings.push_back(std::string("module defaults could not be merged (") +
                           messageOf(error.get(), "?") + "); no default streams apply");
        return md;
    }
    for (const auto& name :
         takeStrv(modulemd_module_index_get_module_names_as_strv(merged.get()))) {
        ModulemdModule* module = modulemd_module_index_get_module(merged.get(), name.c_str());
        GPtrArray* obsoletes = modulemd_module_get_obsoletes(module);  // owned by the module
        for (guint i = 0; obsoletes && i < obsoletes->len; ++i)
            md.obsoletes_.push_back(
                convert(static_cast<ModulemdObsoletes*>(g_ptr_array_index(obsoletes, i))));
        ModulemdDefaults* d = modulemd_module_get_defaults(module);
        if (!d || !MODULEMD_IS_DEFAULTS_V1(d)) continue;
        auto* v1 = MODULEMD_DEFAULTS_V1(d);
        ModuleDefaults out;
        const gchar* stream = modulemd_defaults_v1_get_default_stream(v1, nullptr);
        if (stream) out.stream = stream;
        for (const auto& s :
             takeStrv(modulemd_defaults_v1_get_streams_with_default_profiles_as_strv(v1, nullptr)))
            out.profiles[s] = takeStrv(modulemd_defaults_v1_get_default_profiles_for_stream_as_strv(
                v1, s.c_str(), nullptr));
        md.defaults_[name] = std::move(out);
    }
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
