// The little YAML mpm's own files need (lockfiles, desired states): a document read into a tree
// with libyaml, each node knowing its line, and scalars written so that they read back as the
// same strings.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mpm {

struct YamlNode {
    enum class Kind { Scalar, Sequence, Mapping };
    Kind kind = Kind::Scalar;
    std::string scalar;
    bool quoted = false;          // a quoted scalar is a string whatever it looks like
    int line = 0;                 // where the node starts in the document, from 1
    std::vector<YamlNode> items;  // Sequence
    // Mapping, in document order: keys[i] maps to values[i] (a vector of pairs would hold the
    // incomplete YamlNode by value, which std::pair may not).
    std::vector<std::string> keys;
    std::vector<int> keyLines;
    std::vector<YamlNode> values;

    // The value of `key` in a mapping; null when there is none (or this is no mapping).
    const YamlNode* find(const std::string& key) const;
};

// Throws Error naming `name`, the line and what is wrong; `kind` says what the document should
// be ("a lockfile"), for the sentences about documents that are none.
YamlNode parseYaml(const std::string& text, const std::string& name,
                   const std::string& kind = "a lockfile");
// The same, for documents that may be empty (nothing but comments): nullopt then.
std::optional<YamlNode> parseYamlDocument(const std::string& text, const std::string& name,
                                          const std::string& kind);

// A plain scalar when it reads back as this string, else a double-quoted one.
std::string yamlScalar(const std::string& value);

}  // namespace mpm
