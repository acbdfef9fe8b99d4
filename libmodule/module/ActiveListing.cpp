#include "libmodule/module/ActiveListing.hpp"

#include <algorithm>
#include <map>

#include "common/BinaryCodec.hpp"
#include "libmodule/base/Sack.hpp"
#include "libmodule/module/ModuleMetadata.hpp"

namespace mpm::module {

namespace {

// LEB128: most positions and stream numbers take one or two bytes.
void putVarint(std::string& out, uint64_t v) {
    do {
        const auto low = static_cast<unsigned char>(v & 0x7f);
        v >>= 7;
        out += static_cast<char>(v ? low | 0x80 : low);
    } while (v);
}

bool getVarint(const std::string& in, size_t& at, uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (at >= in.size()) return false;
        const auto byte = static_cast<unsigned char>(in[at++]);
        v |= static_cast<uint64_t>(byte & 0x7f) << shift;
        if (!(byte & 0x80)) return true;
    }
    return false;  // more than five bytes: damaged (the callers' range checks do the rest)
}

}  // namespace

std::string ActiveListing::encode(const base::Sack& sack,
                                  const std::function<const ModuleStream*(Id)>& firstActive) {
    std::vector<StreamName> streams;
    std::map<std::pair<std::string, std::string>, uint64_t> numbers;
    std::vector<std::string> perRepo;
    ::Pool* pool = sack.raw();
    for (const auto& r : sack.repos()) {
        std::string bytes;
        Id previous = 0;
        for (Id p = r.repo->start; p < r.repo->end; ++p) {
            if (pool->solvables[p].repo != r.repo) continue;
            const ModuleStream* build = firstActive(p);
            if (!build) continue;
            auto [it, fresh] =
                numbers.emplace(std::pair(build->name, build->stream), streams.size());
            if (fresh) streams.push_back({build->name, build->stream});
            const Id position = p - r.repo->start;
            putVarint(bytes, static_cast<uint64_t>(position - previous));
            putVarint(bytes, it->second);
            previous = position;
        }
        perRepo.push_back(std::move(bytes));
    }
    BinaryWriter w;
    w.u64(streams.size());
    for (const auto& s : streams) {
        w.str(s.module);
        w.str(s.stream);
    }
    for (const auto& bytes : perRepo) w.str(bytes);
    return w.take();
}

std::optional<ActiveListing> ActiveListing::decode(const base::Sack& sack,
                                                   const std::string& bytes) {
    try {
        BinaryReader r(bytes);
        ActiveListing out;
        // Grown as read: a damaged count allocates nothing.
        for (size_t n = r.count(); n > 0; --n) {
            std::string module = r.str();
            out.streams_.push_back({std::move(module), r.str()});
        }
        ::Pool* pool = sack.raw();
        for (const auto& repo : sack.repos()) {
            const std::string packages = r.str();
            const Id size = repo.repo->end - repo.repo->start;
            uint64_t position = 0;
            bool first = true;
            for (size_t at = 0; at < packages.size(); first = false) {
                uint64_t delta = 0, number = 0;
                if (!getVarint(packages, at, delta) || !getVarint(packages, at, number))
                    return std::nullopt;
                // Strictly increasing positions (the first may be 0), inside the repository.
                if (delta == 0 && !first) return std::nullopt;
                position += delta;
                if (position >= static_cast<uint64_t>(size) || number >= out.streams_.size())
                    return std::nullopt;
                const Id p = repo.repo->start + static_cast<Id>(position);
                if (pool->solvables[p].repo != repo.repo) return std::nullopt;
                out.listed_.emplace_back(p, static_cast<uint32_t>(number));
            }
        }
        if (!r.atEnd()) return std::nullopt;
        // (repositories' packages need not come in the order of the repositories)
        std::sort(out.listed_.begin(), out.listed_.end());
        return out;
    } catch (const CodecError&) {
        return std::nullopt;
    }
}

std::optional<StreamName> ActiveListing::find(Id package) const {
    const auto it =
        std::lower_bound(listed_.begin(), listed_.end(), std::pair(package, uint32_t{0}));
    if (it == listed_.end() || it->first != package) return std::nullopt;
    return streams_[it->second];
}

}  // namespace mpm::module
