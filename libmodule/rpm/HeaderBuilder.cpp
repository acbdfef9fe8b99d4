#include "libmodule/rpm/HeaderBuilder.hpp"

#include <rpm/header.h>
#include <rpm/rpmds.h>
#include <rpm/rpmtag.h>

#include <map>
#include <vector>

#include "libmodule/rpm/RpmHandles.hpp"

namespace mpm::rpm {

namespace {

struct DepTags {
    rpmTagVal name, flags, version;
};

const std::map<std::string, DepTags>& depTags() {
    static const std::map<std::string, DepTags> tags = {
        {"provides", {RPMTAG_PROVIDENAME, RPMTAG_PROVIDEFLAGS, RPMTAG_PROVIDEVERSION}},
        {"requires", {RPMTAG_REQUIRENAME, RPMTAG_REQUIREFLAGS, RPMTAG_REQUIREVERSION}},
        {"prerequires", {RPMTAG_REQUIRENAME, RPMTAG_REQUIREFLAGS, RPMTAG_REQUIREVERSION}},
        {"conflicts", {RPMTAG_CONFLICTNAME, RPMTAG_CONFLICTFLAGS, RPMTAG_CONFLICTVERSION}},
        {"obsoletes", {RPMTAG_OBSOLETENAME, RPMTAG_OBSOLETEFLAGS, RPMTAG_OBSOLETEVERSION}},
        {"recommends", {RPMTAG_RECOMMENDNAME, RPMTAG_RECOMMENDFLAGS, RPMTAG_RECOMMENDVERSION}},
        {"suggests", {RPMTAG_SUGGESTNAME, RPMTAG_SUGGESTFLAGS, RPMTAG_SUGGESTVERSION}},
        {"supplements", {RPMTAG_SUPPLEMENTNAME, RPMTAG_SUPPLEMENTFLAGS, RPMTAG_SUPPLEMENTVERSION}},
        {"enhances", {RPMTAG_ENHANCENAME, RPMTAG_ENHANCEFLAGS, RPMTAG_ENHANCEVERSION}},
    };
    return tags;
}

struct DepArrays {
    std::vector<std::string> names, versions;
    std::vector<uint32_t> flags;
};

// "name", "name >= 1.0" or a rich "(a or b)" as rpm's three arrays hold it.
void addDep(DepArrays& out, const std::string& dep, bool prereq) {
    uint32_t flags = prereq ? RPMSENSE_PREREQ : 0;
    std::string name = dep, version;
    if (!dep.starts_with("(")) {
        const size_t sp = dep.find(' ');
        if (sp != std::string::npos) {
            name = dep.substr(0, sp);
            const size_t sp2 = dep.find(' ', sp + 1);
            const std::string op = dep.substr(sp + 1, sp2 - sp - 1);
            version = sp2 == std::string::npos ? "" : dep.substr(sp2 + 1);
            if (op.find('<') != std::string::npos) flags |= RPMSENSE_LESS;
            if (op.find('>') != std::string::npos) flags |= RPMSENSE_GREATER;
            if (op.find('=') != std::string::npos) flags |= RPMSENSE_EQUAL;
        }
    }
    out.names.push_back(name);
    out.versions.push_back(version);
    out.flags.push_back(flags);
}

void putStrings(Header h, rpmTagVal tag, const std::vector<std::string>& values) {
    std::vector<const char*> ptrs;
    for (const auto& v : values) ptrs.push_back(v.c_str());
    if (!ptrs.empty())
        headerPutStringArray(h, tag, ptrs.data(), static_cast<rpm_count_t>(ptrs.size()));
}

void putText(Header h, rpmTagVal tag, const std::string& value) {
    if (!value.empty()) headerPutString(h, tag, value.c_str());
}

uint32_t digestAlgo(const std::vector<FileRecord>& files) {
    for (const auto& f : files) {
        switch (f.digest.size()) {
            case 32:
                return 1;  // md5
            case 40:
                return 2;  // sha1
            case 96:
                return 9;  // sha384
            case 128:
                return 10;  // sha512
            case 64:
                return 8;  // sha256
        }
    }
    return 8;
}

void putFiles(Header h, const std::vector<FileRecord>& files) {
    if (files.empty()) return;
    std::vector<std::string> dirs, bases, users, groups, digests, links, langs;
    std::map<std::string, uint32_t> dirIndex;
    std::vector<uint32_t> indexes, flags, mtimes, sizes32, inodes, devices, verify, colors;
    std::vector<uint64_t> sizes64;
    std::vector<uint16_t> modes, rdevs;
    bool large = false;
    for (const auto& f : files) {
        const size_t slash = f.path.rfind('/');
        const std::string dir = f.path.substr(0, slash + 1);
        auto [it, fresh] = dirIndex.emplace(dir, static_cast<uint32_t>(dirs.size()));
        if (fresh) dirs.push_back(dir);
        indexes.push_back(it->second);
        bases.push_back(f.path.substr(slash + 1));
        users.push_back(f.user);
        groups.push_back(f.group);
        digests.push_back(f.digest);
        links.push_back(f.linkto);
        langs.emplace_back();
        modes.push_back(static_cast<uint16_t>(f.mode));
        rdevs.push_back(0);
        flags.push_back(f.flags);
        mtimes.push_back(static_cast<uint32_t>(f.mtime));
        sizes32.push_back(static_cast<uint32_t>(f.size));
        sizes64.push_back(f.size);
        large = large || f.size > UINT32_MAX;
        inodes.push_back(static_cast<uint32_t>(inodes.size() + 1));
        devices.push_back(1);
        verify.push_back(0xffffffffu);
        colors.push_back(0);
    }
    const auto n = static_cast<rpm_count_t>(files.size());
    putStrings(h, RPMTAG_DIRNAMES, dirs);
    putStrings(h, RPMTAG_BASENAMES, bases);
    headerPutUint32(h, RPMTAG_DIRINDEXES, indexes.data(), n);
    putStrings(h, RPMTAG_FILEUSERNAME, users);
    putStrings(h, RPMTAG_FILEGROUPNAME, groups);
    putStrings(h, RPMTAG_FILEDIGESTS, digests);
    putStrings(h, RPMTAG_FILELINKTOS, links);
    putStrings(h, RPMTAG_FILELANGS, langs);
    headerPutUint16(h, RPMTAG_FILEMODES, modes.data(), n);
    headerPutUint16(h, RPMTAG_FILERDEVS, rdevs.data(), n);
    headerPutUint32(h, RPMTAG_FILEFLAGS, flags.data(), n);
    headerPutUint32(h, RPMTAG_FILEMTIMES, mtimes.data(), n);
    if (large)
        headerPutUint64(h, RPMTAG_LONGFILESIZES, sizes64.data(), n);
    else
        headerPutUint32(h, RPMTAG_FILESIZES, sizes32.data(), n);
    headerPutUint32(h, RPMTAG_FILEINODES, inodes.data(), n);
    headerPutUint32(h, RPMTAG_FILEDEVICES, devices.data(), n);
    headerPutUint32(h, RPMTAG_FILEVERIFYFLAGS, verify.data(), n);
    headerPutUint32(h, RPMTAG_FILECOLORS, colors.data(), n);
    const uint32_t algo = digestAlgo(files);
    headerPutUint32(h, RPMTAG_FILEDIGESTALGO, &algo, 1);
}

void putScriptlet(Header h, const Scriptlet& s) {
    static const std::map<ScriptletKind, std::pair<rpmTagVal, rpmTagVal>> tags = {
        {ScriptletKind::PreTrans, {RPMTAG_PRETRANS, RPMTAG_PRETRANSPROG}},
        {ScriptletKind::Pre, {RPMTAG_PREIN, RPMTAG_PREINPROG}},
        {ScriptletKind::Post, {RPMTAG_POSTIN, RPMTAG_POSTINPROG}},
        {ScriptletKind::PreUn, {RPMTAG_PREUN, RPMTAG_PREUNPROG}},
        {ScriptletKind::PostUn, {RPMTAG_POSTUN, RPMTAG_POSTUNPROG}},
        {ScriptletKind::PostTrans, {RPMTAG_POSTTRANS, RPMTAG_POSTTRANSPROG}},
    };
    const auto& [body, prog] = tags.at(s.kind);
    putText(h, body, s.body);
    putStrings(h, prog, {s.interpreter});
}

}  // namespace

std::string buildHeader(const PackageRecord& r) {
    Hdr h(headerNew());
    putText(h.get(), RPMTAG_NAME, r.name);
    putText(h.get(), RPMTAG_VERSION, r.version);
    putText(h.get(), RPMTAG_RELEASE, r.release);
    if (r.epoch) {
        const auto epoch = static_cast<uint32_t>(r.epoch);
        headerPutUint32(h.get(), RPMTAG_EPOCH, &epoch, 1);
    }
    putText(h.get(), RPMTAG_ARCH, r.arch);
    putText(h.get(), RPMTAG_OS, "linux");
    putText(h.get(), RPMTAG_SUMMARY, r.summary);
    putText(h.get(), RPMTAG_DESCRIPTION, r.description);
    putText(h.get(), RPMTAG_LICENSE, r.license);
    putText(h.get(), RPMTAG_URL, r.url);
    putText(h.get(), RPMTAG_SOURCERPM, r.sourceRpm);
    putText(h.get(), RPMTAG_PACKAGER, "rebuilt by mpm from its own records (no signature)");
    const auto buildTime = static_cast<uint32_t>(r.buildTime);
    headerPutUint32(h.get(), RPMTAG_BUILDTIME, &buildTime, 1);
    if (r.installSize > UINT32_MAX) {
        headerPutUint64(h.get(), RPMTAG_LONGSIZE, &r.installSize, 1);
    } else {
        const auto size = static_cast<uint32_t>(r.installSize);
        headerPutUint32(h.get(), RPMTAG_SIZE, &size, 1);
    }
    std::map<rpmTagVal, DepArrays> deps;
    for (const auto& d : r.deps) {
        auto it = depTags().find(d.kind);
        if (it != depTags().end()) addDep(deps[it->second.name], d.dep, d.kind == "prerequires");
    }
    for (const auto& [kind, tags] : depTags()) {
        auto it = deps.find(tags.name);
        if (it == deps.end() || it->second.names.empty()) continue;
        putStrings(h.get(), tags.name, it->second.names);
        putStrings(h.get(), tags.version, it->second.versions);
        headerPutUint32(h.get(), tags.flags, it->second.flags.data(),
                        static_cast<rpm_count_t>(it->second.flags.size()));
        deps.erase(it);  // requires and prerequires share their tags: once
    }
    putFiles(h.get(), r.files);
    for (const auto& s : r.scriptlets) putScriptlet(h.get(), s);
    return exportHeader(h.get());
}

}  // namespace mpm::rpm
