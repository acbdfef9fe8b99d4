#include "libmodule/rpm/RpmHeader.hpp"

#include <rpm/header.h>
#include <rpm/rpmcrypto.h>
#include <rpm/rpmds.h>
#include <rpm/rpmfi.h>
#include <rpm/rpmfiles.h>
#include <rpm/rpmio.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmts.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <type_traits>

#include "common/Error.hpp"
#include "common/Strings.hpp"
#include "libmodule/rpm/RpmHandles.hpp"

namespace mpm::rpm {

namespace {

using Files = Handle<rpmfiles, rpmfilesFree>;
using Fi = Handle<rpmfi, rpmfiFree>;

std::string str(Header h, rpmTagVal tag) {
    const char* s = headerGetString(h, tag);
    return s ? s : "";
}

// The scriptlet of this kind, when the header has one.
void addScriptlet(Header h, ScriptletKind kind, rpmTagVal body, rpmTagVal prog,
                  std::vector<Scriptlet>& out) {
    Scriptlet s;
    s.kind = kind;
    s.body = str(h, body);
    // The interpreter may be an array (interpreter plus arguments); its first element is enough.
    struct rpmtd_s td;
    if (headerGet(h, prog, &td, HEADERGET_MINMEM)) {
        const char* first = rpmtdNextString(&td);
        if (first) s.interpreter = first;
        rpmtdFreeData(&td);
    }
    if (s.body.empty() && s.interpreter.empty()) return;
    if (s.interpreter.empty()) s.interpreter = "/bin/sh";
    out.push_back(std::move(s));
}

// librpm keeps the signature header's digests in the header it reads from a file.
FileDigests fileDigestsOf(Header h) {
    FileDigests d;
    if (const std::string sha256 = str(h, RPMTAG_SHA256HEADER); !sha256.empty())
        d.header = sha256, d.headerAlgo = RPM_HASH_SHA256;
    else if (const std::string sha1 = str(h, RPMTAG_SHA1HEADER); !sha1.empty())
        d.header = sha1, d.headerAlgo = RPM_HASH_SHA1;
    struct rpmtd_s td;
    if (headerGet(h, RPMTAG_PAYLOADDIGEST, &td, HEADERGET_MINMEM)) {
        // (an array: its first, the one rpm checks)
        if (const char* first = rpmtdNextString(&td)) d.payload = first;
        rpmtdFreeData(&td);
    }
    if (!d.payload.empty()) {
        d.payloadAlgo = static_cast<int>(headerGetNumber(h, RPMTAG_PAYLOADDIGESTALGO));
        if (d.payloadAlgo == 0) d.payloadAlgo = RPM_HASH_SHA256;
    }
    if (headerGet(h, RPMTAG_SIGMD5, &td, HEADERGET_MINMEM)) {
        if (td.type == RPM_BIN_TYPE && td.count == 16) d.headerAndPayload = hexOf(td.data, 16);
        rpmtdFreeData(&td);
    }
    return d;
}

// The %trigger* entries: RPMTAG_TRIGGERNAME/VERSION/FLAGS, each pointing at its script through
// RPMTAG_TRIGGERINDEX.
void addTriggers(Header h, std::vector<Trigger>& out) {
    Ds ds(rpmdsNewPool(sharedStrings(), h, RPMTAG_TRIGGERNAME, 0));
    if (!ds) return;
    struct rpmtd_s indexes, scripts, progs;
    const bool have = headerGet(h, RPMTAG_TRIGGERINDEX, &indexes, HEADERGET_MINMEM);
    headerGet(h, RPMTAG_TRIGGERSCRIPTS, &scripts, HEADERGET_MINMEM);
    headerGet(h, RPMTAG_TRIGGERSCRIPTPROG, &progs, HEADERGET_MINMEM);
    const uint32_t* index = have ? static_cast<const uint32_t*>(indexes.data) : nullptr;
    const auto* bodies = static_cast<const char**>(scripts.data);
    const auto* interpreters = static_cast<const char**>(progs.data);
    int i;
    while ((i = rpmdsNext(ds.get())) >= 0) {
        const rpmsenseFlags flags = rpmdsFlags(ds.get());
        Trigger t;
        t.target = rpmdsN(ds.get()) ? rpmdsN(ds.get()) : "";
        t.senseFlags = flags & RPMSENSE_SENSEMASK;
        t.version = rpmdsEVR(ds.get()) ? rpmdsEVR(ds.get()) : "";
        t.index = index && static_cast<rpm_count_t>(i) < indexes.count ? index[i] : i;
        t.script.kind = (flags & RPMSENSE_TRIGGERPREIN)    ? ScriptletKind::TriggerPreIn
                        : (flags & RPMSENSE_TRIGGERUN)     ? ScriptletKind::TriggerUn
                        : (flags & RPMSENSE_TRIGGERPOSTUN) ? ScriptletKind::TriggerPostUn
                                                           : ScriptletKind::TriggerIn;
        if (bodies && static_cast<rpm_count_t>(t.index) < scripts.count && bodies[t.index])
            t.script.body = bodies[t.index];
        if (interpreters && static_cast<rpm_count_t>(t.index) < progs.count &&
            interpreters[t.index])
            t.script.interpreter = interpreters[t.index];
        if (t.script.interpreter.empty()) t.script.interpreter = "/bin/sh";
        out.push_back(std::move(t));
    }
    rpmtdFreeData(&indexes);
    rpmtdFreeData(&scripts);
    rpmtdFreeData(&progs);
}

// %filetrigger* (or %transfiletrigger*) scripts: prefixes (NAME) point at their script through
// INDEX; FLAGS say in/un/postun; PRIORITIES are per script.
void addFileTriggers(Header h, bool trans, std::vector<FileTrigger>& out) {
    const rpmTagVal nameTag = trans ? RPMTAG_TRANSFILETRIGGERNAME : RPMTAG_FILETRIGGERNAME;
    const rpmTagVal indexTag = trans ? RPMTAG_TRANSFILETRIGGERINDEX : RPMTAG_FILETRIGGERINDEX;
    const rpmTagVal flagsTag = trans ? RPMTAG_TRANSFILETRIGGERFLAGS : RPMTAG_FILETRIGGERFLAGS;
    const rpmTagVal scriptsTag = trans ? RPMTAG_TRANSFILETRIGGERSCRIPTS : RPMTAG_FILETRIGGERSCRIPTS;
    const rpmTagVal progTag =
        trans ? RPMTAG_TRANSFILETRIGGERSCRIPTPROG : RPMTAG_FILETRIGGERSCRIPTPROG;
    const rpmTagVal prioTag =
        trans ? RPMTAG_TRANSFILETRIGGERPRIORITIES : RPMTAG_FILETRIGGERPRIORITIES;
    struct rpmtd_s names, indexes, flags, scripts, progs, prios;
    if (!headerGet(h, nameTag, &names, HEADERGET_MINMEM)) return;
    headerGet(h, indexTag, &indexes, HEADERGET_MINMEM);
    headerGet(h, flagsTag, &flags, HEADERGET_MINMEM);
    headerGet(h, scriptsTag, &scripts, HEADERGET_MINMEM);
    headerGet(h, progTag, &progs, HEADERGET_MINMEM);
    headerGet(h, prioTag, &prios, HEADERGET_MINMEM);
    const auto* name = static_cast<const char**>(names.data);
    const auto* index = static_cast<const uint32_t*>(indexes.data);
    const auto* flag = static_cast<const uint32_t*>(flags.data);
    const auto* body = static_cast<const char**>(scripts.data);
    const auto* prog = static_cast<const char**>(progs.data);
    const auto* prio = static_cast<const uint32_t*>(prios.data);
    std::map<uint32_t, FileTrigger> byIndex;
    for (rpm_count_t i = 0; i < names.count; ++i) {
        const uint32_t at = index && i < indexes.count ? index[i] : i;
        FileTrigger& t = byIndex[at];
        if (t.prefixes.empty()) {
            const uint32_t f = flag && i < flags.count ? flag[i] : uint32_t{RPMSENSE_TRIGGERIN};
            using K = ScriptletKind;
            t.script.kind = (f & RPMSENSE_TRIGGERUN)
                                ? (trans ? K::TransFileTriggerUn : K::FileTriggerUn)
                            : (f & RPMSENSE_TRIGGERPOSTUN)
                                ? (trans ? K::TransFileTriggerPostUn : K::FileTriggerPostUn)
                                : (trans ? K::TransFileTriggerIn : K::FileTriggerIn);
            if (body && at < scripts.count && body[at]) t.script.body = body[at];
            if (prog && at < progs.count && prog[at]) t.script.interpreter = prog[at];
            if (t.script.interpreter.empty()) t.script.interpreter = "/bin/sh";
            if (prio && at < prios.count) t.priority = prio[at];
        }
        if (name && name[i]) t.prefixes.push_back(name[i]);
    }
    for (auto& [at, t] : byIndex) out.push_back(std::move(t));
    for (auto* td : {&names, &indexes, &flags, &scripts, &progs, &prios}) rpmtdFreeData(td);
}

void addDeps(Header h, rpmTagVal tag, const char* kind, std::vector<Dependency>& out) {
    Ds ds(rpmdsNewPool(sharedStrings(), h, tag, 0));
    if (!ds) return;
    while (rpmdsNext(ds.get()) >= 0) {
        const char* name = rpmdsN(ds.get());
        if (!name) continue;
        std::string n = name;
        // rpmlib() features describe rpm itself, not packages; libsolv skips them too.
        if (n.starts_with("rpmlib(")) continue;
        rpmsenseFlags flags = rpmdsFlags(ds.get());
        std::string dep = n;
        const char* evr = rpmdsEVR(ds.get());
        if (evr && *evr && (flags & RPMSENSE_SENSEMASK)) {
            std::string op;
            if (flags & RPMSENSE_LESS) op += "<";
            if (flags & RPMSENSE_GREATER) op += ">";
            if (flags & RPMSENSE_EQUAL) op += "=";
            dep += " " + op + " " + evr;
        }
        bool pre = tag == RPMTAG_REQUIRENAME &&
                   (flags & (RPMSENSE_PREREQ | RPMSENSE_SCRIPT_PRE | RPMSENSE_SCRIPT_POST));
        out.push_back({pre ? "prerequires" : kind, dep});
    }
}

}  // namespace

RpmHeader RpmHeader::read(const std::string& path) {
    // Signatures are checked by the trust layer; here only the header's own integrity counts.
    PackageRead read = readPackage(path, RPMVSF_MASK_NOSIGNATURES);
    if (!read.opened) throw Error("cannot open package " + path);
    const rpmRC rc = read.rc;
    if ((rc != RPMRC_OK && rc != RPMRC_NOTTRUSTED && rc != RPMRC_NOKEY) || !read.header)
        throw Error("package " + path +
                    " is not a valid RPM (damaged or truncated); delete it and download it again");
    return ofFile(read.header.get());
}

RpmHeader RpmHeader::ofFile(Header header) {
    RpmHeader out = of(header);
    out.blob = exportHeader(header);
    out.fileDigests = fileDigestsOf(header);
    return out;
}

RpmHeader RpmHeader::of(Header raw) {
    Hdr h(headerLink(raw));
    RpmHeader out;
    PackageRecord& p = out.package;
    p.name = str(h.get(), RPMTAG_NAME);
    p.version = str(h.get(), RPMTAG_VERSION);
    p.release = str(h.get(), RPMTAG_RELEASE);
    p.arch = headerIsSource(h.get()) ? "src" : str(h.get(), RPMTAG_ARCH);
    p.epoch = static_cast<int64_t>(headerGetNumber(h.get(), RPMTAG_EPOCH));
    p.summary = str(h.get(), RPMTAG_SUMMARY);
    p.description = str(h.get(), RPMTAG_DESCRIPTION);
    p.url = str(h.get(), RPMTAG_URL);
    p.license = str(h.get(), RPMTAG_LICENSE);
    p.sourceRpm = str(h.get(), RPMTAG_SOURCERPM);
    p.buildTime = static_cast<int64_t>(headerGetNumber(h.get(), RPMTAG_BUILDTIME));
    p.installSize = headerGetNumber(h.get(), RPMTAG_LONGSIZE);
    if (!p.installSize) p.installSize = headerGetNumber(h.get(), RPMTAG_SIZE);

    addDeps(h.get(), RPMTAG_PROVIDENAME, "provides", p.deps);
    addDeps(h.get(), RPMTAG_REQUIRENAME, "requires", p.deps);
    addDeps(h.get(), RPMTAG_CONFLICTNAME, "conflicts", p.deps);
    addDeps(h.get(), RPMTAG_OBSOLETENAME, "obsoletes", p.deps);
    addDeps(h.get(), RPMTAG_RECOMMENDNAME, "recommends", p.deps);
    addDeps(h.get(), RPMTAG_SUGGESTNAME, "suggests", p.deps);
    addDeps(h.get(), RPMTAG_SUPPLEMENTNAME, "supplements", p.deps);
    addDeps(h.get(), RPMTAG_ENHANCENAME, "enhances", p.deps);

    Files files(rpmfilesNew(sharedStrings(), h.get(), RPMTAG_BASENAMES, RPMFI_KEEPHEADER));
    if (files) {
        Fi fi(rpmfilesIter(files.get(), RPMFI_ITER_FWD));
        while (rpmfiNext(fi.get()) >= 0) {
            FileRecord f;
            f.path = rpmfiFN(fi.get());
            f.mode = rpmfiFMode(fi.get());
            const char* user = rpmfiFUser(fi.get());
            const char* group = rpmfiFGroup(fi.get());
            f.user = user ? user : "root";
            f.group = group ? group : "root";
            int algo = 0;
            Malloced<char> digest(rpmfiFDigestHex(fi.get(), &algo));
            if (digest) f.digest = digest.get();
            if (algo) out.digestAlgo = algo;
            const char* link = rpmfiFLink(fi.get());
            f.linkto = link ? link : "";
            const char* caps = rpmfiFCaps(fi.get());
            f.caps = caps ? caps : "";
            const char* lang = rpmfiFLangs(fi.get());
            f.lang = lang ? lang : "";
            f.flags = rpmfiFFlags(fi.get());
            f.size = rpmfiFSize(fi.get());
            f.mtime = rpmfiFMtime(fi.get());
            f.state = static_cast<FileState>(rpmfiFState(fi.get()));
            p.files.push_back(std::move(f));
        }
    }
    addScriptlet(h.get(), ScriptletKind::PreTrans, RPMTAG_PRETRANS, RPMTAG_PRETRANSPROG,
                 p.scriptlets);
    addScriptlet(h.get(), ScriptletKind::Pre, RPMTAG_PREIN, RPMTAG_PREINPROG, p.scriptlets);
    addScriptlet(h.get(), ScriptletKind::Post, RPMTAG_POSTIN, RPMTAG_POSTINPROG, p.scriptlets);
    addScriptlet(h.get(), ScriptletKind::PreUn, RPMTAG_PREUN, RPMTAG_PREUNPROG, p.scriptlets);
    addScriptlet(h.get(), ScriptletKind::PostUn, RPMTAG_POSTUN, RPMTAG_POSTUNPROG, p.scriptlets);
    addScriptlet(h.get(), ScriptletKind::PostTrans, RPMTAG_POSTTRANS, RPMTAG_POSTTRANSPROG,
                 p.scriptlets);
    addTriggers(h.get(), p.triggers);
    addFileTriggers(h.get(), false, p.fileTriggers);
    addFileTriggers(h.get(), true, p.fileTriggers);
    return out;
}

}  // namespace mpm::rpm
