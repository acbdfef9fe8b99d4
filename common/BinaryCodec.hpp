// A small length-prefixed binary encoding for mpm's own caches: read back field by field with
// no intermediate document (the module cache is read on every warm run). Reads are bounds
// checked; a short or damaged buffer throws CodecError and the cache is rebuilt.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mpm {

class CodecError : public std::runtime_error {
  public:
    CodecError() : std::runtime_error("damaged cache") {}
};

class BinaryWriter {
  public:
    void u64(uint64_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void str(const std::string& s) {
        u64(s.size());
        out_ += s;
    }
    void strings(const std::vector<std::string>& v) {
        u64(v.size());
        for (const auto& s : v) str(s);
    }
    void stringLists(const std::map<std::string, std::vector<std::string>>& m) {
        u64(m.size());
        for (const auto& [k, v] : m) {
            str(k);
            strings(v);
        }
    }
    void raw(std::string_view s) { out_.append(s); }  // as they are, no length
    void reserve(size_t n) { out_.reserve(n); }
    const std::string& bytes() const { return out_; }
    std::string take() { return std::move(out_); }

  private:
    std::string out_;
};

class BinaryReader {
  public:
    // Reads `in` in place: it must outlive the reader (a temporary cannot be passed).
    explicit BinaryReader(const std::string& in, size_t from = 0)
        : p_(in.data() + std::min(from, in.size())), end_(in.data() + in.size()) {}
    explicit BinaryReader(std::string&&, size_t = 0) = delete;
    uint64_t u64() {
        need(sizeof(uint64_t));
        uint64_t v;
        std::memcpy(&v, p_, sizeof v);
        p_ += sizeof v;
        return v;
    }
    // A count of items that each take at least one byte: bounded by what is left.
    size_t count() {
        const uint64_t n = u64();
        if (n > static_cast<uint64_t>(end_ - p_)) throw CodecError();
        return static_cast<size_t>(n);
    }
    std::string str() {
        const size_t n = count();
        std::string s(p_, n);
        p_ += n;
        return s;
    }
    std::vector<std::string> strings() {
        std::vector<std::string> v(count());
        for (auto& s : v) s = str();
        return v;
    }
    std::map<std::string, std::vector<std::string>> stringLists() {
        std::map<std::string, std::vector<std::string>> m;
        for (size_t n = count(); n > 0; --n) {
            std::string k = str();
            m.emplace(std::move(k), strings());
        }
        return m;
    }
    bool atEnd() const { return p_ == end_; }

  private:
    void need(size_t n) const {
        if (static_cast<size_t>(end_ - p_) < n) throw CodecError();
    }
    const char* p_;
    const char* end_;
};

}  // namespace mpm
