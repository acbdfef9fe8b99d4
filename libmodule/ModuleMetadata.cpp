#include "libmodule/ModuleMetadata.hpp"

#include <modulemd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/Error.hpp"
#include "libmodule/GObjectPtr.hpp"
#include "libmodule/Sack.hpp"
#include "solv/File.hpp"

namespace mpm {

namespace {

std::string readDecompressed(const std::string& path) {
    solv::FilePtr f = solv::openCompressed(path);
    if (!f) throw std::runtime_error(std::strerror(errno));
    std::string out;
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) out.append(buf, n);
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

ModuleStream convert(ModulemdModuleStream* base, const std::string& repo) {
    ModuleStream s;
    auto* v2 = MODULEMD_MODULE_STREAM_V2(base);
    auto str = [](const gchar* v) { return v ? std::string(v) : std::string(); };
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

ModuleMetadata ModuleMetadata::load(const Sack& sack, std::vector<std::string>& warnings) {
    ModuleMetadata md;
    GObjectPtr<ModulemdModuleIndexMerger> merger(modulemd_module_index_merger_new());
    bool any = false;
    for (const auto& repo : sack.repos()) {
        const std::string path = repo.metadata.path("modules");
        if (path.empty()) continue;
        std::string yaml;
        try {
            yaml = readDecompressed(path);
        } catch (const std::exception& e) {
            throw RepoError(repo.config->id, std::string("cannot read its module metadata: ") +
                                                 e.what() + "; run 'mpm clean metadata' and retry");
        }
        GObjectPtr<ModulemdModuleIndex> index(modulemd_module_index_new());
        GPtrArray* rawFailures = nullptr;
        GError* rawError = nullptr;
        modulemd_module_index_update_from_string(index.get(), yaml.c_str(), FALSE, &rawFailures,
                                                 &rawError);
        GPtrArrayPtr failures(rawFailures);
        GErrorPtr error(rawError);
        if (error)
            throw RepoError(
                repo.config->id,
                std::string("its module metadata is not valid YAML (") + error->message + ")");
        for (guint i = 0; failures && i < failures->len; ++i) {
            auto* info =
                static_cast<ModulemdSubdocumentInfo*>(g_ptr_array_index(failures.get(), i));
            const GError* why = modulemd_subdocument_info_get_gerror(info);
            warnings.push_back("repository '" + repo.config->id +
                               "': skipped an invalid document of " + subject(info) + " (" +
                               (why ? why->message : "invalid") + ")");
        }
        for (const auto& name :
             takeStrv(modulemd_module_index_get_module_names_as_strv(index.get()))) {
            ModulemdModule* module = modulemd_module_index_get_module(index.get(), name.c_str());
            GPtrArray* streams = modulemd_module_get_all_streams(module);  // owned by the module
            for (guint i = 0; streams && i < streams->len; ++i) {
                auto* s = static_cast<ModulemdModuleStream*>(g_ptr_array_index(streams, i));
                if (modulemd_module_stream_get_mdversion(s) < MD_MODULESTREAM_VERSION_TWO) continue;
                md.streams_.push_back(convert(s, repo.config->id));
            }
        }
        // libmodulemd takes 0..1000 and the larger wins; dnf's priority is 1..99999 and the
        // smaller wins. Priorities past 1000 all tie at 0.
        const int mdPriority = 1000 - std::min(repo.config->priority, 1000);
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
                           (error ? error->message : "?") + "); no default streams apply");
        return md;
    }
    for (const auto& name :
         takeStrv(modulemd_module_index_get_module_names_as_strv(merged.get()))) {
        ModulemdModule* module = modulemd_module_index_get_module(merged.get(), name.c_str());
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

const ModuleDefaults* ModuleMetadata::defaults(const std::string& module) const {
    auto it = defaults_.find(module);
    return it == defaults_.end() ? nullptr : &it->second;
}

}  // namespace mpm
