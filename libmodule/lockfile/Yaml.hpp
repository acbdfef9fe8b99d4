// The little YAML a lockfile needs: a document read into a tree with libyaml (anchors and
// tags are not used by lockfiles and are refused), and scalars written so that they read back
// as the same strings.
#pragma once

#include <string>
#include <vector>

namespace mpm::lockfile {

struct YamlNode {
    enum class Kind { Scalar, Sequence, Mapping };
    Kind kind = Kind::Scalar;
    std::string scalar;
    bool quoted = false;          // a quoted scalar is a string whatever it looks like
    std::vector<YamlNode> items;  // Sequence
    // Mapping, in document order: keys[i] maps to values[i] (a vector of pairs would hold the
    // incomplete YamlNode by value, which std::pair may not).
    std::vector<std::string> keys;
    std::vector<YamlNode> values;

    // The value of `key` in a mapping; null when there is none (or this is no mapping).
    const YamlNode* find(const std::string& key) const;
};

// Throws Error naming `name`, the line and what is wrong.
YamlNode parseYaml(const std::string& text, const std::string& name);

// A plain scalar when it reads back as this string, else a double-quoted one.
std::string yamlScalar(const std::string& value);

}  // namespace mpm::lockfile
