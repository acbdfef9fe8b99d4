#include "common/Yaml.hpp"

#include <yaml.h>

#include <cctype>
#include <memory>
#include <optional>
#include <string_view>

#include "common/Error.hpp"

namespace mpm {

namespace {

struct ParserDeleter {
    void operator()(yaml_parser_t* p) const noexcept {
        yaml_parser_delete(p);
        delete p;
    }
};
struct DocumentDeleter {
    void operator()(yaml_document_t* d) const noexcept {
        yaml_document_delete(d);
        delete d;
    }
};

constexpr int kMaxDepth = 32;  // lockfiles are 5 deep, desired states 4; deeper is neither

YamlNode convert(yaml_document_t* doc, yaml_node_t* node, const std::string& name,
                 const std::string& kind, int depth) {
    if (depth > kMaxDepth) throw Error(name + " is nested too deeply to be " + kind);
    YamlNode out;
    out.line = static_cast<int>(node->start_mark.line) + 1;
    switch (node->type) {
        case YAML_SCALAR_NODE:
            out.scalar.assign(reinterpret_cast<const char*>(node->data.scalar.value),
                              node->data.scalar.length);
            out.quoted = node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
            break;
        case YAML_SEQUENCE_NODE:
            out.kind = YamlNode::Kind::Sequence;
            for (yaml_node_item_t* i = node->data.sequence.items.start;
                 i < node->data.sequence.items.top; ++i)
                out.items.push_back(
                    convert(doc, yaml_document_get_node(doc, *i), name, kind, depth + 1));
            break;
        case YAML_MAPPING_NODE:
            out.kind = YamlNode::Kind::Mapping;
            for (yaml_node_pair_t* p = node->data.mapping.pairs.start;
                 p < node->data.mapping.pairs.top; ++p) {
                YamlNode key =
                    convert(doc, yaml_document_get_node(doc, p->key), name, kind, depth + 1);
                if (key.kind != YamlNode::Kind::Scalar)
                    throw Error(name + ":" + std::to_string(node->start_mark.line + 1) +
                                ": a mapping key that is not a plain value");
                out.keys.push_back(key.scalar);
                out.keyLines.push_back(key.line);
                out.values.push_back(
                    convert(doc, yaml_document_get_node(doc, p->value), name, kind, depth + 1));
            }
            break;
        default:
            throw Error(name + " is not " + kind + " (an empty YAML node)");
    }
    return out;
}

bool looksLikeOtherType(const std::string& v) {
    static const char* const special[] = {"",     "~",     "null",  "Null",  "NULL", "true", "True",
                                          "TRUE", "false", "False", "FALSE", "yes",  "Yes",  "YES",
                                          "no",   "No",    "NO",    "on",    "On",   "ON",   "off",
                                          "Off",  "OFF",   "y",     "Y",     "n",    "N"};
    for (const char* s : special)
        if (v == s) return true;
    // Numbers in any of YAML 1.1's spellings: anything that starts like one is quoted.
    const char c = v[0];
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '+' || c == '-';
}

}  // namespace

const YamlNode* YamlNode::find(const std::string& key) const {
    for (size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key) return &values[i];
    return nullptr;
}

// libyaml composes nodes recursively: nesting deep enough would exhaust the stack before any
// check of ours runs, so refuse it in the text (flow brackets outside quotes, and indentation).
void refuseDeepNesting(const std::string& text, const std::string& name, const std::string& kind) {
    int depth = 0;
    size_t indent = 0;
    bool lineStart = true;
    char quote = 0;
    for (const char c : text) {
        if (c == '\n') {
            lineStart = true;
            indent = 0;
            continue;
        }
        if (lineStart && c == ' ') {
            if (++indent > 4 * static_cast<size_t>(kMaxDepth))
                throw Error(name + " is nested too deeply to be " + kind);
            continue;
        }
        lineStart = false;
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth) throw Error(name + " is nested too deeply to be " + kind);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

std::optional<YamlNode> parseYamlDocument(const std::string& text, const std::string& name,
                                          const std::string& kind) {
    refuseDeepNesting(text, name, kind);
    std::unique_ptr<yaml_parser_t, ParserDeleter> parser(new yaml_parser_t);
    if (!yaml_parser_initialize(parser.get()))
        throw Error("cannot read " + name + ": out of memory");
    yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    auto load = [&] {
        std::unique_ptr<yaml_document_t, DocumentDeleter> doc(new yaml_document_t);
        if (!yaml_parser_load(parser.get(), doc.get())) {
            // yaml_parser_load empties the document itself when it fails: only our struct is left.
            delete doc.release();
            const std::string problem = parser->problem ? parser->problem : "invalid YAML";
            throw Error(name + ":" + std::to_string(parser->problem_mark.line + 1) +
                        ": not valid YAML (" + problem + ")");
        }
        return doc;
    };
    auto doc = load();
    yaml_node_t* root = yaml_document_get_root_node(doc.get());
    if (!root) return std::nullopt;
    YamlNode out = convert(doc.get(), root, name, kind, 0);
    // A second document ("---" again) would be ignored by a reader of the first: refused.
    auto next = load();
    if (yaml_node_t* more = yaml_document_get_root_node(next.get()))
        throw Error(name + ":" + std::to_string(more->start_mark.line + 1) +
                    ": a second YAML document; " + kind + " is one document");
    return out;
}

YamlNode parseYaml(const std::string& text, const std::string& name, const std::string& kind) {
    std::optional<YamlNode> root = parseYamlDocument(text, name, kind);
    if (!root) throw Error(name + " is empty, not " + kind);
    return std::move(*root);
}

std::string yamlScalar(const std::string& value) {
    // Plain when it cannot be read as anything else: starts with a letter, digit-free start
    // (numbers), no spaces, no flow or comment characters; URLs and "sha256:..." qualify.
    bool plain = !looksLikeOtherType(value) &&
                 (std::isalpha(static_cast<unsigned char>(value[0])) || value[0] == '/') &&
                 !value.ends_with(":");
    for (const unsigned char c : value)
        plain = plain &&
                (std::isalnum(c) || std::string_view("._-/+~%=@^:?&").find(static_cast<char>(c)) !=
                                        std::string_view::npos);
    if (plain) return value;
    std::string out = "\"";
    for (const unsigned char c : value) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

}  // namespace mpm
