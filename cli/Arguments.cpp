#include "cli/Arguments.hpp"
#include "common/Secrets.hpp"

#include <algorithm>

#include "common/Error.hpp"
#include "common/SourceDate.hpp"
#include "common/Strings.hpp"

namespace mpm::cli {

// The last of --best and --nobest wins, as in dnf (a tool appends one to a line that has the
// other); 0 when neither is given.
int bestFromArgs(int argc, char** argv) {
    int best = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") break;
        if (arg == "--best") best = 1;
        if (arg == "--nobest") best = -1;
    }
    return best;
}

// dnf applies --enablerepo/--disablerepo in command-line order ("--disablerepo='*'
// --enablerepo=x"); CLI11 does not keep the interleaving, so take it from argv.
std::vector<std::pair<bool, std::string>> repoToggles(int argc, char** argv) {
    std::vector<std::pair<bool, std::string>> out;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") break;
        for (auto [flag, enable] :
             {std::pair{"--enablerepo", true}, std::pair{"--disablerepo", false}}) {
            std::string f = flag;
            if (arg == f && i + 1 < argc)
                out.emplace_back(enable, argv[i + 1]);
            else if (arg.starts_with(f + "="))
                out.emplace_back(enable, arg.substr(f.size() + 1));
        }
    }
    std::vector<std::pair<bool, std::string>> split;
    for (auto& [enable, value] : out) {
        size_t start = 0;
        while (start <= value.size()) {
            size_t comma = value.find(',', start);
            std::string piece =
                value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!piece.empty()) split.emplace_back(enable, piece);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return split;
}

// The command line history records. With SOURCE_DATE_EPOCH, a reproducible root stores no host
// path and does not depend on how a build looked: without the options whose values are host
// paths (the root's own path among them, a setting naming a file or a file:// URL), with an RPM
// file named by its file name only, and without the options that change only the output (-q,
// --json, -C...).
std::string recordedCommandLine(int argc, char** argv) {
    bool reproducible = false;
    try {
        reproducible = sourceDateEpoch().has_value();
    } catch (const Error&) {  // said when the command runs
    }
    static const std::vector<std::string> valueOptions = {
        "--installroot", "--config",    "-c",      "--repofrompath", "--downloaddir",
        "--destdir",     "--from-lock", "-d",      "--debuglevel",   "-e",
        "--errorlevel",  "--color",     "--colour"};
    static const std::vector<std::string> outputFlags = {
        "-q", "--quiet", "-v", "--verbose", "--json", "-C", "--cacheonly", "--refresh"};
    static const std::vector<std::string> leftKeys = {
        "cachedir",   "persistdir", "reposdir",  "varsdir",       "keepcache",
        "debuglevel", "cacheonly",  "sslcacert", "sslclientcert", "sslclientkey"};
    auto isLeftSetting = [&](const std::string& setting) {
        const size_t eq = setting.find('=');
        const std::string key = setting.substr(0, eq), value = setting.substr(eq + 1);
        const std::string name = key.substr(key.rfind('.') + 1);  // a repository's key too
        return eq == std::string::npos ||
               std::find(leftKeys.begin(), leftKeys.end(), name) != leftKeys.end() ||
               value.starts_with('/') || value.starts_with("file:");
    };
    std::string out;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (reproducible) {
            const bool next = i + 1 < argc;
            if (std::find(valueOptions.begin(), valueOptions.end(), arg) != valueOptions.end() ||
                (arg == "--setopt" && next && isLeftSetting(argv[i + 1]))) {
                ++i;  // the option and its value
                continue;
            }
            if (std::find(outputFlags.begin(), outputFlags.end(), arg) != outputFlags.end() ||
                std::any_of(valueOptions.begin(), valueOptions.end(),
                            [&](const std::string& o) { return arg.starts_with(o + "="); }) ||
                (arg.starts_with("--setopt=") && isLeftSetting(arg.substr(9))))
                continue;
            // Short options with their value attached (-c/etc/x.conf, -d3) and clusters
            // (-qy): the value options go, and the output letters of a cluster.
            if (arg.size() > 2 && arg[0] == '-' && arg[1] != '-') {
                if (arg[1] == 'c' || arg[1] == 'd' || arg[1] == 'e') continue;
                std::string kept = "-";
                for (char c : arg.substr(1))
                    if (c != 'q' && c != 'v' && c != 'C') kept += c;
                if (kept == "-") continue;
                arg = kept;
            }
            // An RPM file by its name (not the value of an option before it, as --comment's).
            const bool valueOfOption = i > 1 && std::string(argv[i - 1]) == "--comment";
            if (!valueOfOption && !arg.starts_with('-') && arg.ends_with(".rpm") &&
                arg.find('/') != std::string::npos && arg.find("://") == std::string::npos)
                arg = arg.substr(arg.rfind('/') + 1);
        }
        // Passwords never reach the history: "--setopt=r.password=***".
        std::string shown = secrets::redact(arg);
        if (arg.starts_with("--setopt="))
            shown = "--setopt=" + secrets::redactSetting(arg.substr(9));
        else if (i > 1 && std::string(argv[i - 1]) == "--setopt")
            shown = secrets::redactSetting(arg);
        out += (out.empty() ? "" : " ") + shown;
    }
    return out;
}

std::vector<std::string> commandWords(const CLI::App& app, const std::vector<std::string>& args) {
    std::vector<std::string> words;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") {
            words.insert(words.end(), args.begin() + static_cast<long>(i) + 1, args.end());
            break;
        }
        if (!arg.starts_with("-") || arg == "-") {
            words.push_back(arg);
            continue;
        }
        if (arg.find('=') != std::string::npos) continue;
        // "-x foo" and "--setopt k=v" take the next word, "-xfoo" does not; in a cluster of
        // short options ("-yq", "-yx foo") the first that takes a value takes the rest of the
        // cluster, or the next word when it is the last letter.
        if (!arg.starts_with("--") && arg.size() > 2) {
            for (size_t k = 1; k < arg.size(); ++k) {
                const CLI::Option* o = app.get_option_no_throw(std::string("-") + arg[k]);
                if (o && o->get_expected_min() > 0) {
                    if (k + 1 == arg.size()) ++i;
                    break;
                }
            }
            continue;
        }
        const CLI::Option* o = app.get_option_no_throw(arg);
        if (o && o->get_expected_min() > 0) ++i;
    }
    return words;
}

std::string unknownGlobalOption(const CLI::App& app, int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--" || !arg.starts_with("-") || arg == "-") return "";
        const std::string name = arg.substr(0, arg.find('='));
        if (!name.starts_with("--") && name.size() > 2) continue;  // -yq, -xfoo
        const CLI::Option* o = app.get_option_no_throw(name);
        if (!o) return name;
        if (o->get_expected_min() > 0 && arg.find('=') == std::string::npos) ++i;
    }
    return "";
}

std::string firstUnknown(const std::string& what) {
    const size_t colon = what.find(": ");
    const std::string list = colon == std::string::npos ? what : what.substr(colon + 2);
    const auto tokens = splitList(list, " ");
    for (const auto& t : tokens)
        if (t.starts_with("-")) return t;
    return tokens.empty() ? list : tokens.front();
}

namespace {

size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    // Short words are close to too many others ("redo" is two edits from "undo").
    const size_t allowed = word.size() <= 5 ? 1 : 2;
    size_t bestDistance = allowed + 1;
    std::vector<std::string> prefixed;
    for (const auto& c : candidates) {
        if (c.starts_with(word) && word.size() >= 3) prefixed.push_back(c);
        const size_t d = editDistance(word, c);
        if (d < bestDistance) bestDistance = d, best = c;
    }
    if (!best.empty() && word.size() <= bestDistance + 1) best.clear();  // "ls" is not "list"
    if (best.empty() && prefixed.size() == 1) best = prefixed.front();
    return best;
}

std::vector<std::string> commandNames(const CLI::App& app) {
    std::vector<std::string> out;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_group().empty()) continue;  // hidden (__complete)
        out.push_back(sub->get_name());
        for (const auto& a : sub->get_aliases()) out.push_back(a);
    }
    return out;
}

std::vector<std::string> optionNames(const CLI::App& app) {
    std::vector<std::string> out;
    auto add = [&](const CLI::App& a) {
        for (const CLI::Option* o : a.get_options()) {
            for (const auto& l : o->get_lnames()) out.push_back("--" + l);
            for (const auto& s : o->get_snames()) out.push_back("-" + s);
        }
    };
    add(app);
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return s->parsed(); })) {
        add(*sub);
        for (const CLI::App* subsub :
             sub->get_subcommands([](const CLI::App* s) { return s->parsed(); }))
            add(*subsub);
    }
    return out;
}

std::string commandList(const CLI::App& app) {
    std::vector<const CLI::App*> subs =
        app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); });
    size_t width = 0;
    for (const CLI::App* s : subs) width = std::max(width, s->get_name().size());
    std::string out;
    for (const CLI::App* s : subs)
        out += "  " + s->get_name() + std::string(width - s->get_name().size() + 2, ' ') +
               s->get_description() + "\n";
    return out;
}

}  // namespace mpm::cli
