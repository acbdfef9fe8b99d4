// The part of module metadata that needs libmodulemd (and GLib): parsing modules.yaml
// documents and merging them. It is linked only into mpm-modulemd-parser, the program the
// module room runs in a child process (ModuleParse), and into the fuzz target,
// so that mpm itself does not load libmodulemd, GLib, libmagic, libffi and pcre2 on every run.
#include <modulemd.h>

#include <cstring>

#include "common/Error.hpp"
#include "libmodule/module/GObjectPtr.hpp"
#include "libmodule/module/ModuleMetadata.hpp"

// Exported by libmodulemd 2.14 but declared only in its private header.
extern "C" const gchar* modulemd_obsoletes_get_module_name(ModulemdObsoletes* self);
extern "C" const gchar* modulemd_obsoletes_get_module_stream(ModulemdObsoletes* self);

namespace mpm::module {

namespace {

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

}  // namespace

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

std::string ModuleMetadata::parseEncoded(const std::vector<RepoModules>& inputs,
                                         const std::string& key) {
    try {
        std::vector<std::string> found;
        const ModuleMetadata md = fromDocuments(inputs, found);
        return "O" + md.encode(key, found);
    } catch (const RepoError& e) {
        return std::string("E") + e.what();  // "repository 'id': ..."
    }
}

}  // namespace mpm::module
