// RAII over libsolv's Dataiterator: freed however the iteration ends.
#pragma once

#include "solv/libsolv.hpp"

namespace mpm::solv {

class DataIterator {
  public:
    // dataiterator_init's arguments: `repo` null for the whole pool, `solvid` 0 for every
    // solvable, `match` null for every value.
    DataIterator(::Pool* pool, ::Repo* repo, Id solvid, Id keyname, const char* match = nullptr,
                 int flags = 0) {
        dataiterator_init(&di_, pool, repo, solvid, keyname, match, flags);
    }
    DataIterator(const DataIterator&) = delete;
    DataIterator& operator=(const DataIterator&) = delete;
    ~DataIterator() { dataiterator_free(&di_); }

    bool step() { return dataiterator_step(&di_) != 0; }
    // The current value (kv), its solvable (solvid) and repodata (data).
    const ::Dataiterator& at() const { return di_; }
    // For libsolv's calls that take the iterator (prepend_keyname, setpos_parent, skip_*).
    ::Dataiterator* raw() { return &di_; }

  private:
    ::Dataiterator di_{};
};

}  // namespace mpm::solv
