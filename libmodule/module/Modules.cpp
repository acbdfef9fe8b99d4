#include "libmodule/module/Modules.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <string_view>

#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "libmodule/base/Sack.hpp"
#include "libmodule/db/InstalledDb.hpp"
#include "libmodule/module/ModularFilter.hpp"
#include "libmodule/module/ModuleFailsafe.hpp"
#include "libmodule/module/SelectionCache.hpp"

namespace mpm::module {

std::string normalizeArtifact(const std::string& nevra) {
    const size_t dot = nevra.rfind('.');
    const size_t dash2 = nevra.rfind('-', dot);
    if (dot == std::string::npos || dash2 == std::string::npos || dash2 == 0) return nevra;
    const size_t dash1 = nevra.rfind('-', dash2 - 1);
    if (dash1 == std::string::npos) return nevra;
    if (nevra.find(':', dash1) != std::string::npos) return nevra;
    return nevra.substr(0, dash1 + 1) + "0:" + nevra.substr(dash1 + 1);
}

namespace {

std::string nameOfArtifact(const std::string& nevra) {
    const size_t dot = nevra.rfind('.');
    const size_t dash2 = nevra.rfind('-', dot);
    if (dash2 == std::string::npos || dash2 == 0) return nevra;
    const size_t dash1 = nevra.rfind('-', dash2 - 1);
    return dash1 == std::string::npos ? nevra : nevra.substr(0, dash1);
}

bool isSource(const std::string& nevra) {
    return nevra.ends_with(".src") || nevra.ends_with(".nosrc");
}

}  // namespace

Modules::Modules(base::Sack& sack, Platform platform, ModuleStates states)
    : sack_(sack),
      platform_(std::move(platform)),
      original_(states),
      states_(std::move(states)),
      selector_(md_, platform_, sack.config().arch) {}

std::unique_ptr<Modules> Modules::load(base::Sack& sack, ModuleParse* early) {
    const auto& config = sack.config();
    std::vector<std::string> stateWarnings;
    ModuleStates states =
        ModuleStates::load(config.persistDir(), config.installroot, stateWarnings);
    std::unique_ptr<Modules> m(
        new Modules(sack, Platform::detect(config, sack), std::move(states)));
    m->followObsoletes_ = config.main.module_obsoletes;
    // The kept selection follows the failsafe copy too, when it can matter (a stream enabled).
    std::string metadataKey = ModuleMetadata::keyOf(sack);
    if (m->anyEnabled())
        if (const std::string kept = ModuleFailsafe(config).content(); !kept.empty())
            metadataKey += "|failsafe:" + kept;
    const SelectionCache cache(sack, metadataKey, m->platform_, m->states_);
    std::optional<KeptSelection> kept = cache.read();
    const bool reused = kept.has_value();
    if (reused) {
        sack.setModuleExcludes(std::move(kept->hidden));
        m->filteredOver_ = sack.raw()->nsolvables;
        m->modularNames_ = std::move(kept->modularNames);
    } else
        kept = m->select(early, cache);  // which hands the sack what to hide
    // Said once per run, in the order they arise.
    std::vector<std::string> warnings = kept->metadataWarnings;
    for (auto* more : {&stateWarnings, &kept->platformWarnings, &kept->problems})
        warnings.insert(warnings.end(), more->begin(), more->end());
    const bool endOfLife = kept->endOfLifeNotices;
    // A kept selection is used as it is; the metadata is decoded when something asks.
    if (reused) {
        m->listingBytes_ = std::move(kept->activeListing);
        m->pending_ = std::move(kept);
    }
    if (endOfLife)
        for (auto& eol : m->endOfLifeReport()) warnings.push_back(std::move(eol));
    for (auto& w : warnings) sack.warn(std::move(w));
    return m;
}

KeptSelection Modules::select(ModuleParse* early, const SelectionCache& cache) {
    KeptSelection kept;
    md_ = ModuleMetadata::load(sack_, kept.metadataWarnings, early);
    addFailsafe(kept.metadataWarnings);
    // Said only where it matters: some build depends on the platform.
    if (!platform_.known() &&
        std::any_of(md_.streams().begin(), md_.streams().end(), [](const ModuleStream& s) {
            for (const auto& block : s.requires_)
                if (block.count("platform")) return true;
            return false;
        }))
        kept.platformWarnings.push_back(platform_.unknownWarning());
    select();
    const auto indexOf = [this](const ModuleStream* s) {
        return static_cast<uint64_t>(s - md_.streams().data());
    };
    for (const auto& [name, build] : selection_.chosen) kept.chosen.emplace(name, indexOf(build));
    for (const ModuleStream* s : selection_.active) kept.active.push_back(indexOf(s));
    kept.problems = selection_.problems;
    for (const auto& [name, st] : states_.all())
        if (st.status == ModuleStatus::Enabled && md_.hasObsoletes(st.name, st.stream))
            kept.endOfLifeNotices = true;
    std::set<std::string> names;
    for (const auto& build : md_.streams())
        for (const auto& a : build.artifacts)
            if (ArtifactIndex::Parts parts; ArtifactIndex::parse(a, parts))
                names.emplace(parts.name);  // (binary artifacts, as the index takes them)
    kept.modularNames.assign(names.begin(), names.end());
    kept.hidden = sack_.moduleExcludes();
    if (cache.keeps() && !md_.streams().empty())
        kept.activeListing = ActiveListing::encode(sack_, [this](Id package) {
            const ::Solvable* s = pool_id2solvable(sack_.raw(), package);
            const ModuleStream* first = nullptr;
            if (artifacts().isModularName(s->name))
                artifacts().eachListing(s, [&](const ModuleStream* b) {
                    if (!first && isActive(b)) first = b;
                });
            return first;
        });
    cache.write(kept);
    return kept;
}

void Modules::ready() const {
    if (!pending_) return;
    const KeptSelection kept = std::move(*pending_);
    pending_.reset();
    std::vector<std::string> said;  // when the selection was made
    md_ = ModuleMetadata::load(sack_, said);
    addFailsafe(said);
    const auto streamAt = [this](uint64_t index) {
        if (index >= md_.streams().size())
            throw Error("the module selection kept in " + sack_.config().cacheDir() +
                        " does not match the module metadata; run mpm clean metadata");
        return &md_.streams()[index];
    };
    for (const auto& [name, index] : kept.chosen) selection_.chosen.emplace(name, streamAt(index));
    for (const uint64_t index : kept.active) selection_.active.push_back(streamAt(index));
    selection_.problems = kept.problems;
    indexActive();
}

bool Modules::anyEnabled() const {
    return std::any_of(states_.all().begin(), states_.all().end(), [](const auto& entry) {
        return entry.second.status == ModuleStatus::Enabled;
    });
}

void Modules::addFailsafe(std::vector<std::string>& warnings) const {
    if (!anyEnabled()) return;
    std::vector<ModuleStream> kept = ModuleFailsafe(sack_.config()).missingFrom(md_, original_);
    std::set<std::string> said;
    for (const ModuleStream& b : kept)
        if (said.insert(b.name + ":" + b.stream).second)
            warnings.push_back("no enabled repository has the enabled stream " + b.name + ":" +
                               b.stream +
                               "; its packages stay as they are, filtered by the stream's "
                               "metadata mpm kept from the last change (@modulefailsafe): "
                               "enable the repository that has it, or leave the stream with "
                               "mpm module reset " +
                               b.name);
    md_.addStreams(std::move(kept));
}

void Modules::keepFailsafe() const {
    std::string enabled;
    for (const auto& [name, st] : states_.all())
        if (st.status == ModuleStatus::Enabled) enabled += "|" + name + ":" + st.stream;
    const ModuleFailsafe failsafe(sack_.config());
    if (enabled.empty()) {
        if (!failsafe.keptKey().empty()) failsafe.keep({}, {});
        return;
    }
    // Made again only when the metadata or the enabled streams changed since.
    const std::string key = ModuleMetadata::keyOf(sack_) + enabled;
    if (failsafe.keptKey() == key) return;
    ready();
    std::vector<const ModuleStream*> builds;
    for (const ModuleStream* b : selection_.active) {
        const ModuleState st = states_.get(b->name);
        if (st.status == ModuleStatus::Enabled && st.stream == b->stream) builds.push_back(b);
    }
    // None at all (a run without the repositories, and nothing kept yet): keep what is kept.
    if (!builds.empty()) failsafe.keep(key, builds);
}

void Modules::storeDnfChoices() const {
    // What this run took from dnf's files is stored as mpm's own, unless the run changed that
    // module itself (its change was stored with the transaction: this is called only after
    // one): taking it is bookkeeping, not a change the plan asks about.
    std::vector<ModuleState> imported;
    for (const auto& name : original_.fromDnf())
        if (states_.get(name) == original_.get(name)) imported.push_back(original_.get(name));
    if (imported.empty()) return;
    if (auto db = db::InstalledDb::openForWriting(sack_.config().persistDir()))
        db->saveModuleStates(imported);
}

const std::vector<std::string>& Modules::setStates(const ModuleStates& states) {
    ready();
    states_ = states;
    select();
    return selection_.problems;
}

void Modules::select() {
    listingBytes_.reset();  // the kept listing is the kept selection's
    listing_.reset();
    const ModuleSelection before = selection_;
    selection_ = selector_.select(states_);
    indexActive();
    // What filtering hides follows from the chosen and active builds and the packages: the same
    // builds over the same packages (a default stream enabled by an install) hide what they hid.
    // (Only Modules hands the sack its filtering.)
    if (filteredOver_ == sack_.raw()->nsolvables && selection_.active == before.active &&
        selection_.chosen == before.chosen)
        return;
    sack_.setModuleExcludes(modularExcludes(sack_, *this));
    filteredOver_ = sack_.raw()->nsolvables;
}

const ArtifactIndex& Modules::artifacts() const {
    ready();
    if (!artifacts_ || !artifacts_->current()) artifacts_.emplace(md_.streams(), sack_.raw());
    return *artifacts_;
}

void Modules::indexActive() const {
    activeSet_ = {selection_.active.begin(), selection_.active.end()};
    activeByName_.reset();
}

const std::unordered_map<std::string, const ModuleStream*>& Modules::activeByName() const {
    ready();
    if (activeByName_) return *activeByName_;
    auto& byName = activeByName_.emplace();
    for (const ModuleStream* s : selection_.active)
        for (const auto& a : s->artifacts)
            if (!isSource(a)) byName.emplace(nameOfArtifact(a), s);
    // demodularized: the newest build of a stream in use says which of its names are plain
    // packages now; those no longer shadow plain packages (libdnf does the same).
    for (const auto& [module, build] : selection_.chosen)
        for (const auto& name : build->demodularized) byName.erase(name);
    return byName;
}

std::vector<std::string> Modules::endOfLifeReport() const {
    ready();
    std::vector<std::string> out;
    for (const auto& [name, st] : states_.all()) {
        if (st.status != ModuleStatus::Enabled) continue;
        const ModuleObsoletes* eol = md_.obsoletes(st.name, st.stream);
        if (!eol) continue;
        std::string s =
            "module stream " + st.name + ":" + st.stream + " has reached its end of life";
        if (!eol->message.empty()) s += " (" + eol->message + ")";
        const bool successor =
            !eol->byModule.empty() && !builds(eol->byModule, eol->byStream).empty();
        if (successor) {
            const std::string next = eol->byModule + ":" + eol->byStream;
            s += "; it is succeeded by " + next +
                 (eol->byModule == st.name
                      ? ": mpm module switch-to " + next
                      : ": mpm module reset " + st.name + " && mpm module enable " + next) +
                 (followObsoletes_ ? ", or mpm upgrade (module_obsoletes is on)"
                                   : ", or upgrade with --setopt=module_obsoletes=True");
        } else if (!eol->byModule.empty()) {
            s += "; its successor " + eol->byModule + ":" + eol->byStream +
                 " is in no enabled repository";
        }
        out.push_back(s);
    }
    return out;
}

bool Modules::isModularName(Id name) const {
    if (knowsModularNames())
        return std::binary_search(modularNames_.begin(), modularNames_.end(),
                                  std::string_view(pool_id2str(sack_.raw(), name)), std::less<>());
    return artifacts().isModularName(name);
}

bool Modules::knowsModularNames() const {
    return !modularNames_.empty();
}

std::vector<const ModuleStream*> Modules::buildsListing(Id package) const {
    ready();
    const ::Solvable* s = pool_id2solvable(sack_.raw(), package);
    // A few packages (those a plan installs) are compared with the artifacts as they are; the
    // index of them all (9 M instructions) is made for more, or once filtering needs it.
    constexpr int kScansBeforeIndex = 16;
    if ((!artifacts_ || !artifacts_->current()) && scans_ < kScansBeforeIndex) {
        ++scans_;
        return ArtifactIndex::scanListing(md_.streams(), sack_.raw(), s);
    }
    return artifacts().listing(s);
}

void Modules::enableInUse(const StreamName& inUse) {
    ModuleState st = states_.get(inUse.module);
    if (st.status != ModuleStatus::Unset) return;
    st.status = ModuleStatus::Enabled;
    st.stream = inUse.stream;
    states_.set(st);
}

std::optional<StreamName> Modules::streamListing(Id package) const {
    if (sack_.repoOf(package)) {
        if (listingBytes_) {
            listing_ = ActiveListing::decode(sack_, *listingBytes_);
            listingBytes_.reset();
        }
        if (listing_) return listing_->find(package);
    }
    for (const ModuleStream* b : buildsListing(package))
        if (isActive(b)) return StreamName{b->name, b->stream};
    return std::nullopt;
}

const ModuleStream* Modules::activeBuildWithName(const std::string& name) const {
    ready();
    const auto& byName = activeByName();
    auto it = byName.find(name);
    return it == byName.end() ? nullptr : it->second;
}

std::vector<const ModuleStream*> Modules::builds(const std::string& name,
                                                 const std::string& stream) const {
    ready();
    std::vector<const ModuleStream*> out;
    for (const auto& s : md_.streams())
        if (s.name == name && (stream.empty() || s.stream == stream)) out.push_back(&s);
    return out;
}

std::string Modules::activeStream(const std::string& name) const {
    ready();
    const ModuleState st = states_.get(name);
    if (st.status == ModuleStatus::Enabled) return st.stream;
    if (const ModuleStream* s = selection_.chosenFor(name)) return s->stream;
    return {};
}

std::string Modules::streamOf(const base::Package& pkg) const {
    if (const auto& listing = buildsListing(pkg.id()); !listing.empty())
        return listing.front()->name + ":" + listing.front()->stream;
    if (const ModuleStream* active = activeBuildWithName(pkg.name()))
        return active->name + ":" + active->stream;
    return {};
}

std::string Modules::whyHidden(const base::Package& pkg) const {
    ready();
    const std::string nevra = pkg.nevra();
    const auto& listing = buildsListing(pkg.id());
    if (!listing.empty()) {
        const ModuleStream* b = listing.front();
        const std::string wanted = b->name + ":" + b->stream;
        const ModuleState st = states_.get(b->name);
        if (st.status == ModuleStatus::Disabled)
            return nevra + " belongs to stream " + wanted + ", but module " + b->name +
                   " is disabled. To use it: mpm module enable " + wanted;
        if (st.status == ModuleStatus::Enabled && st.stream != b->stream)
            return nevra + " belongs to stream " + wanted + ", but " + b->name + ":" + st.stream +
                   " is enabled. To use it: mpm module switch-to " + wanted;
        const std::string why = selector_.whyUnusable(b->name, b->stream, states_);
        if (!why.empty())
            return nevra + " belongs to stream " + wanted + ", which cannot be used: " + why;
        if (const ModuleStream* chosen = selection_.chosenFor(b->name)) {
            if (chosen->stream != b->stream) {
                const ModuleDefaults* d = md_.defaults(b->name);
                const bool isDefault = d && d->stream == chosen->stream;
                return nevra + " belongs to stream " + wanted + ", but " + b->name + ":" +
                       chosen->stream + (isDefault ? " is the default" : " is in use") +
                       ". To use it: mpm module enable " + wanted;
            }
            return nevra + " belongs to build " + b->name + ":" + b->stream + ":" +
                   std::to_string(b->version) + ":" + b->context +
                   ", which is not the build in use (" + chosen->name + ":" + chosen->stream + ":" +
                   std::to_string(chosen->version) + ":" + chosen->context + " is)";
        }
        return nevra + " belongs to stream " + wanted +
               ", which is not enabled. To use it: mpm module enable " + wanted;
    }
    if (const ModuleStream* active = activeBuildWithName(pkg.name()))
        return nevra + " is not part of a module, and stream " + active->name + ":" +
               active->stream + " (in use) provides " + pkg.name() +
               ", which hides packages of that name from other sources. To use it instead: mpm "
               "module disable " +
               active->name;
    return {};
}

}  // namespace mpm::module
