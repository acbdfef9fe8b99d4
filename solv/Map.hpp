// RAII over libsolv's bitmap (Map), used for the pool's considered map.
#pragma once

#include "solv/libsolv.hpp"

#include <utility>

namespace mpm::solv {

class Map {
  public:
    explicit Map(int size = 0) { map_init(&m_, size); }
    Map(const Map& other) { map_init_clone(&m_, &other.m_); }
    Map& operator=(const Map& other) {
        if (this != &other) {
            map_free(&m_);
            map_init_clone(&m_, &other.m_);
        }
        return *this;
    }
    Map(Map&& other) noexcept : Map() { std::swap(m_, other.m_); }
    Map& operator=(Map&& other) noexcept {
        std::swap(m_, other.m_);
        return *this;
    }
    ~Map() { map_free(&m_); }

    void grow(int size) { map_grow(&m_, size); }
    void set(Id id) { MAPSET(&m_, id); }
    void clear(Id id) { MAPCLR(&m_, id); }
    bool test(Id id) const { return id < (m_.size << 3) && MAPTST(&m_, id); }
    void setAll() { map_setall(&m_); }

    ::Map* raw() { return &m_; }
    const ::Map* raw() const { return &m_; }

  private:
    ::Map m_;
};

}  // namespace mpm::solv
