#include "libmodule/module/ModuleRequest.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "common/Strings.hpp"
#include "libmodule/base/Sack.hpp"

namespace mpm::module {

namespace {

std::vector<std::string> streamsOf(const Modules& m, const std::string& name) {
    std::set<std::string> out;
    for (const ModuleStream* s : m.builds(name)) out.insert(s->stream);
    return {out.begin(), out.end()};
}

}  // namespace

ModuleRequest::ModuleRequest(base::Sack& sack, Modules& modules)
    : sack_(sack), modules_(modules), states_(modules.states()), before_(modules.states()) {
    for (const auto& [name, build] : modules.selection().chosen)
        chosenBefore_[name] = build->stream + ":" + build->context;
}

void ModuleRequest::check(const ModuleSpec& spec) const {
    if (modules_.builds(spec.name).empty())
        throw ModuleError("no module named '" + spec.name +
                          "' in the enabled repositories (see mpm module list)");
    if (spec.stream.empty()) return;
    auto builds = modules_.builds(spec.name, spec.stream);
    if (builds.empty())
        throw ModuleError("module " + spec.name + " has no stream '" + spec.stream +
                          "'; it has: " + join(streamsOf(modules_, spec.name), ", "));
    if (!spec.version.empty() && std::none_of(builds.begin(), builds.end(), [&](auto* b) {
            return std::to_string(b->version) == spec.version;
        }))
        throw ModuleError("stream " + spec.name + ":" + spec.stream + " has no version " +
                          spec.version + " (see mpm module info " + spec.name + ":" + spec.stream +
                          ")");
    if (!spec.context.empty() && std::none_of(builds.begin(), builds.end(),
                                              [&](auto* b) { return b->context == spec.context; }))
        throw ModuleError("stream " + spec.name + ":" + spec.stream + " has no context " +
                          spec.context + " (see mpm module info " + spec.name + ":" + spec.stream +
                          ")");
    if (!spec.profile.empty()) {
        std::set<std::string> profiles;
        for (const ModuleStream* b : builds)
            for (const auto& [p, rpms] : b->profiles) profiles.insert(p);
        if (!profiles.count(spec.profile))
            throw ModuleError("stream " + spec.name + ":" + spec.stream + " has no profile '" +
                              spec.profile + "'; it has: " +
                              (profiles.empty() ? std::string("none")
                                                : join({profiles.begin(), profiles.end()}, ", ")));
    }
}

void ModuleRequest::refuseSwitch(const std::string& name, const std::string& stream) const {
    const ModuleState st = states_.get(name);
    if (st.status != ModuleStatus::Enabled || st.stream == stream) return;
    // Two streams of one module in one request: nothing to switch from.
    if (before_.get(name) != st)
        throw ModuleError("cannot enable two streams of module " + name + " (" + name + ":" +
                          st.stream + " and " + name + ":" + stream + "); name one");
    if (sack_.config().main.module_stream_switch) return;
    const bool installed = !installedOf(name).empty();
    throw ModuleError("module " + name + " is enabled with stream " + name + ":" + st.stream +
                      (installed ? "; enabling " + name + ":" + stream +
                                       " would leave its installed packages behind"
                                 : ", and one stream of a module is enabled at a time") +
                      ". To change streams: mpm module switch-to " + name + ":" + stream);
}

std::string ModuleRequest::streamFor(const ModuleSpec& spec, const char* verb) const {
    if (!spec.stream.empty()) return spec.stream;
    const ModuleState st = states_.get(spec.name);
    if (st.status == ModuleStatus::Enabled) return st.stream;
    const ModuleDefaults* d = modules_.metadata().defaults(spec.name);
    if (d && !d->stream.empty()) return d->stream;
    const auto streams = streamsOf(modules_, spec.name);
    if (streams.size() == 1) return streams.front();  // no choice to make (as dnf)
    throw ModuleError("module " + spec.name + " has no default stream; name one: mpm module " +
                      verb + " " + spec.name +
                      ":STREAM (streams: " + join(streamsOf(modules_, spec.name), ", ") + ")");
}

std::vector<std::string> ModuleRequest::profilesFor(const ModuleSpec& spec,
                                                    const std::string& stream) const {
    if (!spec.profile.empty()) return {spec.profile};
    const ModuleDefaults* d = modules_.metadata().defaults(spec.name);
    if (d) {
        auto it = d->profiles.find(stream);
        if (it != d->profiles.end() && !it->second.empty()) return it->second;
    }
    std::set<std::string> profiles;
    for (const ModuleStream* b : modules_.builds(spec.name, stream))
        for (const auto& [p, rpms] : b->profiles) profiles.insert(p);
    throw ModuleError(
        "stream " + spec.name + ":" + stream +
        " has no default profile; name one: "
        "mpm module install " +
        spec.name + ":" + stream + "/PROFILE (profiles: " +
        (profiles.empty() ? std::string("none") : join({profiles.begin(), profiles.end()}, ", ")) +
        ")");
}

void ModuleRequest::enable(const std::string& text) {
    ModuleSpec spec = ModuleSpec::parse(text);
    check(spec);
    const std::string stream = streamFor(spec, "enable");
    refuseSwitch(spec.name, stream);
    ModuleState st = states_.get(spec.name);
    if (st.status != ModuleStatus::Enabled || st.stream != stream) st.profiles.clear();
    st.status = ModuleStatus::Enabled;
    st.stream = stream;
    states_.set(st);
    newlyEnabled_.push_back(spec.name);
}

void ModuleRequest::disable(const std::string& text) {
    ModuleSpec spec = ModuleSpec::parse(text);
    check(spec);
    ModuleState st;
    st.name = spec.name;
    st.status = ModuleStatus::Disabled;
    states_.set(st);
}

void ModuleRequest::reset(const std::string& text) {
    ModuleSpec spec = ModuleSpec::parse(text);
    check(spec);
    ModuleState st;
    st.name = spec.name;
    states_.set(st);
}

void ModuleRequest::install(const std::string& text) {
    ModuleSpec spec = ModuleSpec::parse(text);
    check(spec);
    const std::string stream = streamFor(spec, "install");
    spec.stream = stream;
    check(spec);  // the profile, against the stream now known
    refuseSwitch(spec.name, stream);
    const auto profiles = profilesFor(spec, stream);
    ModuleState st = states_.get(spec.name);
    if (st.status != ModuleStatus::Enabled || st.stream != stream) st.profiles.clear();
    st.status = ModuleStatus::Enabled;
    st.stream = stream;
    st.profiles.insert(profiles.begin(), profiles.end());
    states_.set(st);
    newlyEnabled_.push_back(spec.name);
    pending_.push_back({Pending::Install, spec, profiles, false});
}

void ModuleRequest::remove(const std::string& text, bool all) {
    ModuleSpec spec = ModuleSpec::parse(text);
    check(spec);
    ModuleState st = states_.get(spec.name);
    // Nothing of another stream is installed: nothing to remove, as dnf says.
    if (!spec.stream.empty() && st.status == ModuleStatus::Enabled && st.stream != spec.stream) {
        nothingToDo_.push_back("stream " + spec.name + ":" + spec.stream +
                               " is not the one enabled (" + spec.name + ":" + st.stream +
                               " is): nothing to remove");
        return;
    }
    std::vector<std::string> profiles;
    if (!spec.profile.empty()) {
        // Gone already, as a package that is not installed: said, and nothing to do.
        if (!st.profiles.count(spec.profile) && !all) {
            nothingToDo_.push_back(
                "profile " + spec.name + "/" + spec.profile + " is not installed (installed: " +
                (st.profiles.empty() ? std::string("none")
                                     : join({st.profiles.begin(), st.profiles.end()}, ", ")) +
                "): nothing to remove");
            return;
        }
        profiles = {spec.profile};
    } else {
        profiles.assign(st.profiles.begin(), st.profiles.end());
    }
    if (profiles.empty() && !all) {
        nothingToDo_.push_back("module " + spec.name +
                               " has no installed profile: nothing to remove (to remove all "
                               "its packages: mpm module remove --all " +
                               spec.name + ")");
        return;
    }
    spec.stream = st.stream;
    for (const auto& p : profiles) st.profiles.erase(p);
    if (all) st.profiles.clear();
    states_.set(st);
    pending_.push_back({Pending::Remove, spec, profiles, all});
}

void ModuleRequest::switchTo(const std::string& text) {
    ModuleSpec spec = ModuleSpec::parse(text);
    if (spec.stream.empty())
        throw ModuleError("switch-to needs a stream: mpm module switch-to " + spec.name +
                          ":STREAM");
    check(spec);
    ModuleState st = states_.get(spec.name);
    std::vector<std::string> profiles;
    if (!spec.profile.empty()) {
        profiles = {spec.profile};
    } else {
        // The installed profiles carry over where the new stream has them.
        for (const auto& p : st.profiles)
            for (const ModuleStream* b : modules_.builds(spec.name, spec.stream))
                if (b->profiles.count(p)) {
                    profiles.push_back(p);
                    break;
                }
    }
    st.status = ModuleStatus::Enabled;
    st.stream = spec.stream;
    st.profiles = {profiles.begin(), profiles.end()};
    states_.set(st);
    newlyEnabled_.push_back(spec.name);
    pending_.push_back({Pending::Switch, spec, profiles, false});
}

bool ModuleRequest::followObsoletes() {
    if (!sack_.config().main.module_obsoletes) return false;
    bool any = false;
    const auto before = states_.all();  // switching changes states_
    for (const auto& [name, st] : before) {
        if (st.status != ModuleStatus::Enabled) continue;
        const ModuleObsoletes* eol = modules_.metadata().obsoletes(st.name, st.stream);
        if (!eol) continue;
        if (!eol->byModule.empty() && !modules_.builds(eol->byModule, eol->byStream).empty()) {
            const std::string successor = eol->byModule + ":" + eol->byStream;
            if (eol->byModule == st.name) {
                switchTo(successor);
            } else {
                // A successor under another name: this module goes back to its defaults.
                ModuleState old = st;
                old.status = ModuleStatus::Unset;
                old.stream.clear();
                old.profiles.clear();
                states_.set(old);
                enable(successor);
            }
            any = true;
        } else if (eol->reset) {
            reset(st.name);
            any = true;
        }
    }
    return any;
}

std::vector<Id> ModuleRequest::installedOf(const std::string& name) const {
    std::set<std::string> names;
    for (const ModuleStream* b : modules_.builds(name))
        for (const auto& a : b->artifacts) {
            if (a.ends_with(".src")) continue;
            const std::string n = normalizeArtifact(a);
            names.insert(n.substr(0, n.rfind('-', n.rfind('-') - 1)));
        }
    std::vector<Id> out;
    ::Pool* pool = sack_.raw();
    if (!pool->installed) return out;
    Id p;
    ::Solvable* s;
    FOR_REPO_SOLVABLES(pool->installed, p, s)
    if (names.count(pool_id2str(pool, s->name))) out.push_back(p);
    return out;
}

// Streams the newly enabled ones need are enabled with them, transitively, as dnf does.
// Enabling a stream can change which builds are chosen, and so what they need: repeat until a
// round enables nothing. Every other round moves at least one module from unset to enabled,
// and none goes back, so this ends after at most one round per module.
void ModuleRequest::enableRequiredStreams() {
    for (bool added = true; added;) {
        added = false;
        modules_.setStates(states_);
        for (size_t i = 0; i < newlyEnabled_.size(); ++i) {
            const ModuleStream* chosen = modules_.selection().chosenFor(newlyEnabled_[i]);
            if (!chosen) continue;
            for (const auto& block : chosen->requires_)
                for (const auto& [module, streams] : block) {
                    if (module == "platform") continue;
                    if (states_.get(module).status != ModuleStatus::Unset) continue;
                    const ModuleStream* dep = modules_.selection().chosenFor(module);
                    if (!dep) continue;
                    ModuleState st;
                    st.name = module;
                    st.status = ModuleStatus::Enabled;
                    st.stream = dep->stream;
                    states_.set(st);
                    newlyEnabled_.push_back(module);
                    added = true;
                }
        }
    }
}

// Every stream enabled now must be usable, and the request must add no selection problem.
void ModuleRequest::checkEnabledUsable(const std::vector<std::string>& problemsBefore) const {
    for (const auto& name : newlyEnabled_) {
        const ModuleState st = states_.get(name);
        const std::string why = modules_.selector().whyUnusable(name, st.stream, states_);
        if (!why.empty()) throw ModuleError("cannot enable " + name + ":" + st.stream + ": " + why);
        const ModuleStream* chosen = modules_.selection().chosenFor(name);
        if (!chosen || chosen->stream != st.stream)
            throw ModuleError("cannot enable " + name + ":" + st.stream + ": " +
                              join(modules_.selection().problems, "; "));
    }
    for (const auto& p : modules_.selection().problems)
        if (std::find(problemsBefore.begin(), problemsBefore.end(), p) == problemsBefore.end()) {
            const std::string why = brokenDependent();
            throw ModuleError(why.empty() ? p : why);
        }
}

std::string ModuleRequest::brokenDependent() const {
    const StreamSelector& selector = modules_.selector();
    for (const auto& [name, st] : states_.all()) {
        if (st.status != ModuleStatus::Enabled || before_.get(name) != st) continue;
        const std::string now = selector.whyUnusable(name, st.stream, states_);
        if (now.empty() || !selector.whyUnusable(name, st.stream, before_).empty()) continue;
        // What this request changed that `name` needs, said as the user's request.
        std::vector<std::string> changed, specs;
        std::string verb;
        for (const ModuleStream* b : modules_.builds(name, st.stream))
            for (const auto& block : b->requires_)
                for (const auto& [module, streams] : block) {
                    const ModuleState was = before_.get(module), is = states_.get(module);
                    if (module == "platform" || was == is ||
                        std::find(changed.begin(), changed.end(), module) != changed.end())
                        continue;
                    changed.push_back(module);
                    if (is.status == ModuleStatus::Disabled) {
                        verb = "disable";
                        specs.push_back(module);
                    } else if (is.status == ModuleStatus::Enabled) {
                        verb = was.status == ModuleStatus::Enabled ? "switch-to" : "enable";
                        specs.push_back(module + ":" + is.stream);
                    } else {
                        verb = "reset";
                        specs.push_back(module);
                    }
                }
        if (changed.empty()) continue;
        // Both at once: the dependent leaves with its dependency, or moves to a stream of it
        // that works with the new one.
        std::string other;
        for (const ModuleStream* b : modules_.builds(name))
            if (b->stream != st.stream && selector.whyUnusable(name, b->stream, states_).empty()) {
                other = b->stream;
                break;
            }
        std::string fix;
        const bool streamChange = verb == "switch-to" || verb == "enable";
        if (streamChange)
            fix = other.empty() ? "no stream of " + name + " works with " + join(specs, ", ") +
                                      "; to leave " + name + " first: mpm module reset " + name
                                : "to " + std::string(verb == "enable" ? "enable" : "switch") +
                                      " both: mpm module " + verb + " " + join(specs, " ") + " " +
                                      name + ":" + other;
        else
            fix = "to " + verb + " both: mpm module " + verb + " " + join(specs, " ") + " " + name;
        // (A disabled module's own hint, "mpm module reset M", would undo the request.)
        return "cannot " + (verb == "switch-to" ? "switch to" : verb) + " " + join(specs, ", ") +
               ": " + name + ":" + st.stream + ", which is enabled, needs " +
               (streamChange ? "another stream (" + now + ")" : join(changed, ", ")) + "; " + fix;
    }
    return {};
}

// The packages the job's profiles list, in the chosen build of its stream.
void ModuleRequest::profileJobs(const Pending& job, std::vector<ModuleJob>& out) const {
    const ModuleStream* build = modules_.selection().chosenFor(job.spec.name);
    if (!build) return;
    const std::string ns = job.spec.name + ":" + job.spec.stream;
    for (const auto& profile : job.profiles) {
        auto it = build->profiles.find(profile);
        if (it == build->profiles.end()) continue;
        for (const auto& rpm : it->second)
            out.push_back({ModuleJob::Kind::InstallForProfile, rpm, ns + "/" + profile, 0, false});
    }
}

void ModuleRequest::removeJobs(const Pending& job, std::vector<ModuleJob>& out) const {
    ::Pool* pool = sack_.raw();
    // Dependencies nothing else needs go with the profile, as with a plain remove.
    const bool cleanDeps = sack_.config().main.clean_requirements_on_remove;
    std::set<std::string> names;  // the profiles' packages...
    for (const ModuleStream* b : modules_.builds(job.spec.name, job.spec.stream))
        for (const auto& profile : job.profiles) {
            auto it = b->profiles.find(profile);
            if (it != b->profiles.end()) names.insert(it->second.begin(), it->second.end());
        }
    // ...except those a profile that stays installed lists too.
    for (const auto& kept : states_.get(job.spec.name).profiles)
        for (const ModuleStream* b : modules_.builds(job.spec.name, job.spec.stream)) {
            auto it = b->profiles.find(kept);
            if (it != b->profiles.end())
                for (const auto& n : it->second) names.erase(n);
        }
    // A package the user installed by name stays theirs (dnf keeps it too); --all takes every
    // package of the module.
    for (Id p : installedOf(job.spec.name)) {
        const base::InstalledInfo* info = sack_.installedInfo(p);
        if (!job.all && info && info->reason == db::InstallReason::User) continue;
        if (job.all || names.count(pool_id2str(pool, pool_id2solvable(pool, p)->name)))
            out.push_back({ModuleJob::Kind::Remove, "", "", p, cleanDeps});
    }
}

// The visible packages of the repositories by name: what an installed package moves to.
std::map<Id, std::vector<Id>> ModuleRequest::visibleByName() const {
    ::Pool* pool = sack_.raw();
    std::map<Id, std::vector<Id>> out;
    for (Id p : sack_.visiblePackages())
        if (!sack_.isInstalled(p)) out[pool_id2solvable(pool, p)->name].push_back(p);
    return out;
}

// The newest visible package of an installed one's name (same arch, or noarch): 0 when there
// is none, or when it is that very package.
Id ModuleRequest::replacementOf(Id installed, const std::map<Id, std::vector<Id>>& visible) const {
    ::Pool* pool = sack_.raw();
    ::Solvable* s = pool_id2solvable(pool, installed);
    auto it = visible.find(s->name);
    if (it == visible.end()) return 0;
    Id best = 0;
    for (Id c : it->second) {
        ::Solvable* cs = pool_id2solvable(pool, c);
        if (cs->arch != s->arch && cs->arch != ARCH_NOARCH && s->arch != ARCH_NOARCH) continue;
        if (!best || base::compareEvr(pool, c, best) > 0) best = c;
    }
    return best && !solvable_identical(s, pool_id2solvable(pool, best)) ? best : 0;
}

// Every installed package of the module to the new stream's version, then the profiles.
void ModuleRequest::switchJobs(const Pending& job, std::vector<ModuleJob>& out) const {
    ::Pool* pool = sack_.raw();
    // The new stream's packages by name. A name job would not do: libsolv's selection also
    // holds the hidden old-stream build, which would count as already there.
    const std::map<Id, std::vector<Id>> inNew = visibleByName();
    for (Id p : installedOf(job.spec.name)) {
        const bool removed = std::any_of(out.begin(), out.end(), [&](const ModuleJob& j) {
            return j.kind == ModuleJob::Kind::Remove && j.package == p;
        });
        if (removed) continue;
        if (!inNew.count(pool_id2solvable(pool, p)->name)) {
            out.push_back({ModuleJob::Kind::Remove, "", "", p, false});
            continue;
        }
        // The newest of them replaces the installed one: an upgrade or a downgrade. Already
        // that version: nothing to do.
        if (Id best = replacementOf(p, inNew))
            out.push_back({ModuleJob::Kind::Install, "", "", best, false});
    }
    profileJobs(job, out);
}

void ModuleRequest::followOtherModules(std::vector<ModuleJob>& out) const {
    std::set<std::string> switched;
    for (const auto& job : pending_)
        if (job.kind == Pending::Switch) switched.insert(job.spec.name);
    ::Pool* pool = sack_.raw();
    if (switched.empty() || !pool->installed) return;
    std::optional<std::map<Id, std::vector<Id>>> visible;
    Id p;
    ::Solvable* s;
    FOR_REPO_SOLVABLES(pool->installed, p, s) {
        const ModuleStream* active = modules_.activeBuildWithName(pool_id2str(pool, s->name));
        if (!active || switched.count(active->name)) continue;
        // Only a module whose build in use this request changed (another context for the new
        // stream): what an earlier refresh or a default brought is not this switch's business.
        const auto before = chosenBefore_.find(active->name);
        if (before == chosenBefore_.end() ||
            before->second == active->stream + ":" + active->context)
            continue;
        const auto builds = modules_.buildsListing(p);
        // Listed by a build of the stream and context in use (an older version of it too):
        // it stays. Only a build of another context or stream is left behind by the switch.
        if (builds.empty() || std::any_of(builds.begin(), builds.end(), [&](const ModuleStream* b) {
                return b->name == active->name && b->stream == active->stream &&
                       b->context == active->context;
            }))
            continue;
        if (!visible) visible = visibleByName();
        if (Id best = replacementOf(p, *visible))
            out.push_back({ModuleJob::Kind::Install, "", "", best, false});
    }
}

std::vector<ModuleJob> ModuleRequest::apply() {
    const std::vector<std::string> before = modules_.selection().problems;
    enableRequiredStreams();
    checkEnabledUsable(before);
    sack_.finalize();  // modular filtering for the new states
    std::vector<ModuleJob> jobs;
    // Removals first: a switch in the same request leaves what they remove alone (a profile
    // removed and the stream switched: its packages go, they do not move to the new stream).
    for (const auto& job : pending_)
        if (job.kind == Pending::Remove) removeJobs(job, jobs);
    for (const auto& job : pending_) {
        switch (job.kind) {
            case Pending::Install:
                profileJobs(job, jobs);
                break;
            case Pending::Remove:
                break;
            case Pending::Switch:
                switchJobs(job, jobs);
                break;
        }
    }
    followOtherModules(jobs);
    return jobs;
}

}  // namespace mpm::module
