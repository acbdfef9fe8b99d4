#include "libmodule/lockfile/LockFile.hpp"

#include <algorithm>
#include <sstream>

#include "common/Error.hpp"
#include "common/Yaml.hpp"

namespace mpm::lockfile {

namespace {

// rpm-lockfile-prototype names the vendor of the format it writes "redhat"; readers (Hermeto,
// Renovate) accept any string, and mpm writes the same format.
constexpr const char* kVendor = "redhat";

void writePackages(std::ostringstream& out, const char* key,
                   const std::vector<LockedPackage>& packages) {
    out << "  " << key << ":";
    if (packages.empty()) {
        out << " []\n";
        return;
    }
    out << "\n";
    for (const auto& p : packages)
        out << "  - url: " << yamlScalar(p.url) << "\n"
            << "    repoid: " << yamlScalar(p.repoid) << "\n"
            << "    size: " << p.size << "\n"
            << "    checksum: " << yamlScalar(p.checksum) << "\n"
            << "    name: " << yamlScalar(p.name) << "\n"
            << "    evr: " << yamlScalar(p.evr) << "\n"
            << "    sourcerpm: " << yamlScalar(p.sourcerpm) << "\n";
}

void writeMpm(std::ostringstream& out, const LockedArch& a) {
    out << "  mpm:\n    modules:";
    if (a.modules.empty()) out << " []";
    out << "\n";
    for (const auto& m : a.modules) {
        out << "    - name: " << yamlScalar(m.name) << "\n"
            << "      stream: " << yamlScalar(m.stream) << "\n"
            << "      profiles: [";
        bool first = true;
        for (const auto& p : m.profiles) {  // a std::set: sorted
            out << (first ? "" : ", ") << yamlScalar(p);
            first = false;
        }
        out << "]\n";
    }
    out << "    reasons:";
    if (a.reasons.empty()) out << " {}";
    out << "\n";
    for (const auto& [nevra, reason] : a.reasons)  // a std::map: sorted
        out << "      " << yamlScalar(nevra) << ": " << db::reasonName(reason) << "\n";
}

// --- reading ------------------------------------------------------------------------------

struct Reader {
    const std::string& name;

    [[noreturn]] void fail(const std::string& what) const {
        throw Error(name + " is not a usable lockfile: " + what);
    }
    const YamlNode& need(const YamlNode& map, const std::string& key,
                         const std::string& where) const {
        const YamlNode* v = map.find(key);
        if (!v) fail(where + " has no '" + key + "'");
        return *v;
    }
    std::string text(const YamlNode& map, const std::string& key, const std::string& where,
                     bool required) const {
        const YamlNode* v = map.find(key);
        if (!v) {
            if (required) fail(where + " has no '" + key + "'");
            return {};
        }
        if (v->kind != YamlNode::Kind::Scalar) fail(where + ": '" + key + "' is not a value");
        return v->scalar;
    }
    uint64_t number(const YamlNode& map, const std::string& key, const std::string& where) const {
        const std::string v = text(map, key, where, false);
        if (v.empty()) return 0;
        if (v.find_first_not_of("0123456789") != std::string::npos || v.size() > 19)
            fail(where + ": '" + key + "' is not a size in bytes");
        return std::stoull(v);
    }
    const std::vector<YamlNode>& list(const YamlNode& map, const std::string& key,
                                      const std::string& where) const {
        static const std::vector<YamlNode> none;
        const YamlNode* v = map.find(key);
        if (!v) return none;
        if (v->kind == YamlNode::Kind::Scalar && v->scalar.empty() && !v->quoted) return none;
        if (v->kind != YamlNode::Kind::Sequence) fail(where + ": '" + key + "' is not a list");
        return v->items;
    }
    LockedPackage package(const YamlNode& n, const std::string& where) const {
        if (n.kind != YamlNode::Kind::Mapping) fail(where + " is not a mapping");
        LockedPackage p;
        p.url = text(n, "url", where, true);
        p.repoid = text(n, "repoid", where, false);
        p.size = number(n, "size", where);
        p.checksum = text(n, "checksum", where, false);
        p.name = text(n, "name", where, false);
        p.evr = text(n, "evr", where, false);
        p.sourcerpm = text(n, "sourcerpm", where, false);
        if (!p.fileName().ends_with(".rpm")) fail(where + ": " + p.url + " is not an RPM file");
        return p;
    }
};

}  // namespace

std::string LockedPackage::fileName() const {
    const size_t slash = url.rfind('/');
    return slash == std::string::npos ? url : url.substr(slash + 1);
}

std::string LockedPackage::arch() const {
    std::string f = fileName();
    if (f.ends_with(".rpm")) f.resize(f.size() - 4);
    const size_t dot = f.rfind('.');
    return dot == std::string::npos ? std::string() : f.substr(dot + 1);
}

std::string LockedPackage::nevra() const {
    return name + "-" + evr + "." + arch();
}

const LockedArch* LockFile::forArch(const std::string& arch) const {
    for (const auto& a : arches)
        if (a.arch == arch) return &a;
    return nullptr;
}

std::string LockFile::toYaml() const {
    std::vector<LockedArch> sorted = arches;
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.arch < b.arch; });
    std::ostringstream out;
    out << "---\nlockfileVersion: " << kVersion << "\nlockfileVendor: " << kVendor << "\narches:\n";
    for (auto& a : sorted) {
        auto byUrl = [](const auto& x, const auto& y) { return x.url < y.url; };
        std::sort(a.packages.begin(), a.packages.end(), byUrl);
        std::sort(a.source.begin(), a.source.end(), byUrl);
        std::sort(a.moduleMetadata.begin(), a.moduleMetadata.end(), byUrl);
        std::sort(a.modules.begin(), a.modules.end(),
                  [](const auto& x, const auto& y) { return x.name < y.name; });
        out << "- arch: " << yamlScalar(a.arch) << "\n";
        writePackages(out, "packages", a.packages);
        writePackages(out, "source", a.source);
        out << "  module_metadata:";
        if (a.moduleMetadata.empty()) out << " []";
        out << "\n";
        for (const auto& m : a.moduleMetadata)
            out << "  - url: " << yamlScalar(m.url) << "\n"
                << "    repoid: " << yamlScalar(m.repoid) << "\n"
                << "    size: " << m.size << "\n"
                << "    checksum: " << yamlScalar(m.checksum) << "\n";
        writeMpm(out, a);
    }
    return out.str();
}

LockFile LockFile::parse(const std::string& text, const std::string& name) {
    const YamlNode root = parseYaml(text, name);
    const Reader r{name};
    if (root.kind != YamlNode::Kind::Mapping) r.fail("it is not a YAML mapping");
    const std::string version = r.text(root, "lockfileVersion", "the file", true);
    if (version != std::to_string(kVersion))
        r.fail("lockfileVersion " + version + " is not one mpm reads (it reads 1)");
    LockFile lock;
    for (const auto& a : r.list(root, "arches", "the file")) {
        if (a.kind != YamlNode::Kind::Mapping) r.fail("an entry of 'arches' is not a mapping");
        LockedArch arch;
        arch.arch = r.text(a, "arch", "an entry of 'arches'", true);
        const std::string where = "arch " + arch.arch;
        for (const auto& p : r.list(a, "packages", where))
            arch.packages.push_back(r.package(p, "a package of " + where));
        for (const auto& p : r.list(a, "source", where))
            arch.source.push_back(r.package(p, "a source package of " + where));
        for (const auto& m : r.list(a, "module_metadata", where)) {
            const std::string entry = "module metadata of " + where;
            if (m.kind != YamlNode::Kind::Mapping) r.fail(entry + " is not a mapping");
            arch.moduleMetadata.push_back(
                {r.text(m, "url", entry, true), r.text(m, "repoid", entry, true),
                 r.number(m, "size", entry), r.text(m, "checksum", entry, false)});
        }
        if (const YamlNode* mine = a.find("mpm"); mine && mine->kind == YamlNode::Kind::Mapping) {
            for (const auto& m : r.list(*mine, "modules", where + " (mpm)")) {
                db::ModuleState s;
                s.name = r.text(m, "name", where + " (mpm modules)", true);
                s.stream = r.text(m, "stream", where + " (mpm modules)", true);
                s.status = db::ModuleStatus::Enabled;
                for (const auto& p : r.list(m, "profiles", where + " (mpm modules)"))
                    s.profiles.insert(p.scalar);
                arch.modules.push_back(std::move(s));
            }
            if (const YamlNode* reasons = mine->find("reasons");
                reasons && reasons->kind == YamlNode::Kind::Mapping)
                for (size_t i = 0; i < reasons->keys.size(); ++i)
                    if (const auto reason = db::parseReason(reasons->values[i].scalar))
                        arch.reasons[reasons->keys[i]] = *reason;
        }
        lock.arches.push_back(std::move(arch));
    }
    if (lock.arches.empty()) r.fail("it locks no architecture ('arches' is empty)");
    return lock;
}

}  // namespace mpm::lockfile
