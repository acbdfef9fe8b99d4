// RAII over libsolv's Queue, with the std container surface business code wants.
#pragma once

#include "solv/libsolv.hpp"

#include <algorithm>
#include <initializer_list>

namespace mpm::solv {

class Queue {
  public:
    Queue() { queue_init(&q_); }
    Queue(std::initializer_list<Id> ids) : Queue() {
        for (Id id : ids) push_back(id);
    }
    Queue(const Queue& other) { queue_init_clone(&q_, const_cast<::Queue*>(&other.q_)); }
    Queue& operator=(const Queue& other) {
        if (this != &other) {
            queue_free(&q_);
            queue_init_clone(&q_, const_cast<::Queue*>(&other.q_));
        }
        return *this;
    }
    Queue(Queue&& other) noexcept : Queue() { std::swap(q_, other.q_); }
    Queue& operator=(Queue&& other) noexcept {
        std::swap(q_, other.q_);
        return *this;
    }
    ~Queue() { queue_free(&q_); }

    void push_back(Id id) { queue_push(&q_, id); }
    void clear() { queue_empty(&q_); }
    int size() const { return q_.count; }
    bool empty() const { return q_.count == 0; }
    Id operator[](int i) const { return q_.elements[i]; }
    const Id* begin() const { return q_.elements; }
    const Id* end() const { return q_.elements + q_.count; }
    bool contains(Id id) const { return std::find(begin(), end(), id) != end(); }

    ::Queue* raw() { return &q_; }
    const ::Queue* raw() const { return &q_; }

  private:
    ::Queue q_;
};

}  // namespace mpm::solv
