#include "libmodule/RpmHeader.hpp"

#include <rpm/header.h>
#include <rpm/rpmds.h>
#include <rpm/rpmfi.h>
#include <rpm/rpmfiles.h>
#include <rpm/rpmio.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmts.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <type_traits>

#include "common/Error.hpp"
#include "libmodule/RpmHandles.hpp"

namespace mpm {

namespace {

using Files = rpmh::Handle<rpmfiles, rpmfilesFree>;
using Fi = rpmh::Handle<rpmfi, rpmfiFree>;
using Ds = rpmh::Handle<rpmds, rpmdsFree>;

std::string str(Header h, rpmTagVal tag) {
    const char* s = headerGetString(h, tag);
    return s ? s : "";
}

Scriptlet scriptlet(Header h, rpmTagVal body, rpmTagVal prog) {
    Scriptlet s;
    s.body = str(h, body);
    // The interpreter may be an array (interpreter plus arguments); its first element is enough.
    struct rpmtd_s td;
    if (headerGet(h, prog, &td, HEADERGET_MINMEM)) {
        const char* first = rpmtdNextString(&td);
        if (first) s.interpreter = first;
        rpmtdFreeData(&td);
    }
    if (!s.body.empty() && s.interpreter.empty()) s.interpreter = "/bin/sh";
    return s;
}

void addDeps(Header h, rpmTagVal tag, const char* kind, std::vector<InstalledDep>& out) {
    Ds ds(rpmdsNew(h, tag, 0));
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

void rpmh::initRpm() {
    static std::once_flag once;
    std::call_once(once, [] {
        rpmReadConfigFiles(nullptr, nullptr);
        // librpm talks on stderr about keys and digests; mpm reports problems itself.
        rpmlogSetMask(RPMLOG_UPTO(RPMLOG_CRIT));
    });
}

rpmh::PackageRead rpmh::readPackage(const std::string& path, rpmVSFlags flags, rpmKeyring keyring) {
    initRpm();
    PackageRead out;
    Ts ts(rpmtsCreate());
    if (keyring) rpmtsSetKeyring(ts.get(), keyring);
    rpmtsSetVSFlags(ts.get(), flags);
    out.fd.reset(Fopen(path.c_str(), "r.ufdio"));
    if (!out.fd || Ferror(out.fd.get())) return out;
    out.opened = true;
    Header raw = nullptr;
    out.rc = rpmReadPackageFile(ts.get(), out.fd.get(), path.c_str(), &raw);
    out.header.reset(raw);
    return out;
}

RpmHeader RpmHeader::read(const std::string& path) {
    // Signatures are checked by the trust layer; here only the header's own integrity counts.
    rpmh::PackageRead read = rpmh::readPackage(path, RPMVSF_MASK_NOSIGNATURES);
    if (!read.opened) throw Error("cannot open package " + path);
    const rpmRC rc = read.rc;
    rpmh::Hdr h = std::move(read.header);
    if ((rc != RPMRC_OK && rc != RPMRC_NOTTRUSTED && rc != RPMRC_NOKEY) || !h)
        throw Error("package " + path +
                    " is not a valid RPM (damaged or truncated); delete it and download it again");

    RpmHeader out;
    InstalledPackage& p = out.package;
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

    Files files(rpmfilesNew(nullptr, h.get(), RPMTAG_BASENAMES, RPMFI_KEEPHEADER));
    if (files) {
        Fi fi(rpmfilesIter(files.get(), RPMFI_ITER_FWD));
        while (rpmfiNext(fi.get()) >= 0) {
            InstalledFile f;
            f.path = rpmfiFN(fi.get());
            f.mode = rpmfiFMode(fi.get());
            const char* user = rpmfiFUser(fi.get());
            const char* group = rpmfiFGroup(fi.get());
            f.user = user ? user : "root";
            f.group = group ? group : "root";
            int algo = 0;
            rpmh::Malloced<char> digest(rpmfiFDigestHex(fi.get(), &algo));
            if (digest) f.digest = digest.get();
            if (algo) out.digestAlgo = algo;
            const char* link = rpmfiFLink(fi.get());
            f.linkto = link ? link : "";
            f.flags = rpmfiFFlags(fi.get());
            f.size = rpmfiFSize(fi.get());
            f.mtime = rpmfiFMtime(fi.get());
            p.files.push_back(std::move(f));
        }
    }
    out.pretrans = scriptlet(h.get(), RPMTAG_PRETRANS, RPMTAG_PRETRANSPROG);
    out.pre = scriptlet(h.get(), RPMTAG_PREIN, RPMTAG_PREINPROG);
    out.post = scriptlet(h.get(), RPMTAG_POSTIN, RPMTAG_POSTINPROG);
    out.preun = scriptlet(h.get(), RPMTAG_PREUN, RPMTAG_PREUNPROG);
    out.postun = scriptlet(h.get(), RPMTAG_POSTUN, RPMTAG_POSTUNPROG);
    out.posttrans = scriptlet(h.get(), RPMTAG_POSTTRANS, RPMTAG_POSTTRANSPROG);
    for (const auto& [kind, sc] :
         {std::pair<const char*, const Scriptlet*>{"pretrans", &out.pretrans},
          {"pre", &out.pre},
          {"post", &out.post},
          {"preun", &out.preun},
          {"postun", &out.postun},
          {"posttrans", &out.posttrans}})
        if (!sc->empty()) p.scriptlets.push_back({kind, sc->interpreter, sc->body});
    return out;
}

}  // namespace mpm
