// The words for an enum's values, both ways, from one table: what the database stores, --json
// says and the CLI shows. Unknown words parse as nothing, so callers choose their fallback.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace mpm {

template <typename E, std::size_t N>
class EnumNames {
  public:
    constexpr explicit EnumNames(std::array<std::pair<E, const char*>, N> table) : table_(table) {}
    const char* name(E value) const {
        for (const auto& [v, word] : table_)
            if (v == value) return word;
        return "?";
    }
    std::optional<E> parse(std::string_view word) const {
        for (const auto& [v, w] : table_)
            if (word == w) return v;
        return std::nullopt;
    }

  private:
    std::array<std::pair<E, const char*>, N> table_;
};

}  // namespace mpm
