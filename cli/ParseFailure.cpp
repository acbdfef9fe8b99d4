#include "cli/ParseFailure.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "cli/Arguments.hpp"

namespace mpm::cli {

const char* const kNeedsCommand =
    "mpm needs a command, such as mpm install PACKAGE (mpm --help lists the options)";

namespace {

// dnf's commands (and subcommands) that mpm does not have yet: said so, not "no such command".
const std::map<std::string, std::vector<std::string>>& notYet() {
    static const std::map<std::string, std::vector<std::string>> words = {
        {"",
         {"download", "config-manager", "copr", "builddep", "changelog", "shell", "alias",
          "repository-packages", "repo-pkgs", "needs-restarting", "debuginfo-install",
          "versionlock", "system-upgrade", "offline-upgrade"}},
        {"history", {"redo", "rollback", "userinstalled", "store", "replay"}},
        {"module", {"update", "repoquery"}}};
    return words;
}

// dnf's one-word spellings of its group commands: mpm says how it spells them.
const std::map<std::string, std::string>& twoWords() {
    static const std::map<std::string, std::string> words = {
        {"grouplist", "group list"},      {"groupinstall", "group install"},
        {"groupupdate", "group install"}, {"groupremove", "group remove"},
        {"grouperase", "group remove"},   {"groupinfo", "group info"}};
    return words;
}

bool isNotYet(const std::string& command, const std::string& word) {
    const auto it = notYet().find(command);
    return it != notYet().end() &&
           std::find(it->second.begin(), it->second.end(), word) != it->second.end();
}

std::string notYetSentence(const std::string& words) {
    return "mpm does not have dnf's '" + words +
           "' yet (README.md, \"Coming from dnf\", lists what mpm takes)";
}

std::string unknownOptionSentence(const CLI::App& app, const std::string& name) {
    const std::string near = closest(name, optionNames(app));
    return "mpm does not know the option '" + name + "'" +
           (near.empty() ? "" : " (did you mean " + near + "?)") +
           "; mpm --help lists the options (dnf's that mpm takes are in mpm(8))";
}

// The command and subcommand CLI11 recognised ("history", "history info").
std::vector<const CLI::App*> parsedPath(const CLI::App& app) {
    std::vector<const CLI::App*> path;
    const CLI::App* at = &app;
    for (;;) {
        const auto subs = at->get_subcommands([](const CLI::App* s) { return s->parsed(); });
        if (subs.empty()) return path;
        at = subs.front();
        path.push_back(at);
    }
}

std::string joined(const std::vector<const CLI::App*>& path) {
    std::string out = "mpm";
    for (const CLI::App* a : path) out += " " + a->get_name();
    return out;
}

// What the deepest recognised command does not take: a subcommand it lacks or an argument.
std::string notTaken(const std::vector<const CLI::App*>& path, const std::string& word) {
    const std::string command = joined(path);
    const CLI::App* last = path.back();
    const auto subs = last->get_subcommands([](const CLI::App*) { return true; });
    if (!subs.empty() && path.size() == 1) {
        if (isNotYet(last->get_name(), word)) return notYetSentence(last->get_name() + " " + word);
        const std::string near = closest(word, commandNames(*last));
        return command + " does not take '" + word + "'" +
               (near.empty() ? "" : "; did you mean " + command + " " + near + "?") + " (see " +
               command + " --help)";
    }
    return command + " does not take '" + word + "' (see " + command + " --help)";
}

}  // namespace

std::string parseFailure(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
    const std::string what = e.what();
    const auto words = commandWords(app, {argv + 1, argv + argc});
    const std::string word = words.empty() ? "" : words.front();
    const bool required = dynamic_cast<const CLI::RequiredError*>(&e) != nullptr;
    const bool extras = dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr;
    const bool subcommandMissing = what.find("subcommand") != std::string::npos;

    if (const std::string option = unknownGlobalOption(app, argc, argv); !option.empty())
        return unknownOptionSentence(app, option);
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
        // "--check: 1 required TEXT missing", "--from-lock: At Most 1 required but received 2"
        const std::string option = what.substr(0, what.find(':'));
        return (what.find("missing") != std::string::npos ? option + " needs a value"
                : what.find("At Most") != std::string::npos
                    ? option + " is given more than once; give it once"
                    : what) +
               " (mpm --help lists the options)";
    }
    if (word.empty() && (required || extras) && subcommandMissing) return kNeedsCommand;
    const auto commands = commandNames(app);
    if (!word.empty() && std::find(commands.begin(), commands.end(), word) == commands.end()) {
        if (isNotYet("", word)) return notYetSentence(word);
        if (const auto it = twoWords().find(word); it != twoWords().end())
            return "dnf's '" + word + "' is two words in mpm (see mpm " + it->second + ")";
        const std::string near = closest(word, commands);
        return "no such command: " + word +
               (near.empty() ? "" : "; did you mean mpm " + near + "?") +
               " (mpm alone lists the commands)";
    }
    const auto path = parsedPath(app);
    if (extras || (required && subcommandMissing)) {
        // An option or argument the command does not take (CLI11 lists them as "not expected").
        const std::string unknown = firstUnknown(what);
        if (unknown.starts_with("-"))
            return unknownOptionSentence(app, unknown.substr(0, unknown.find('=')));
        if (path.empty()) return kNeedsCommand;
        if (subcommandMissing && words.size() < 2)
            return joined(path) + " needs a subcommand (see " + joined(path) + " --help)";
        // A command with subcommands and none recognised: the word after it is the one.
        const bool takesSubcommands =
            path.size() == 1 &&
            !path.front()->get_subcommands([](const CLI::App*) { return true; }).empty();
        return notTaken(
            path, (subcommandMissing || takesSubcommands) && words.size() > 1 ? words[1] : unknown);
    }
    if (required && !path.empty()) {
        // "spec is required": the command's own arguments are missing.
        const std::string argument = what.substr(0, what.find(" is required"));
        return joined(path) + " needs " +
               (argument.starts_with("-") ? "the option " + argument
                                          : "its " + argument + " argument") +
               " (see " + joined(path) + " --help)";
    }
    if (dynamic_cast<const CLI::ExcludesError*>(&e)) {
        // "--installed excludes --available"
        const size_t at = what.find(" excludes ");
        if (at != std::string::npos)
            return what.substr(0, at) + " and " + what.substr(at + 10) +
                   " cannot be given together";
    }
    if (dynamic_cast<const CLI::ValidationError*>(&e)) {
        // "--debuglevel: Value 11 not in range 0 to 10" -> "--debuglevel: 11 is not in ..."
        // "what: foo not in {all,metadata}" -> "what: foo is not one of all, metadata"
        std::string sentence = what;
        if (const size_t at = sentence.find(": Value "); at != std::string::npos)
            sentence.erase(at + 2, 6);
        if (const size_t at = sentence.find(" not in range"); at != std::string::npos)
            sentence.insert(at, " is");
        if (const size_t at = sentence.find(" not in {"); at != std::string::npos) {
            // "what: foo not in {all,metadata}" -> "'foo' is not one of all, metadata"
            std::string choices = sentence.substr(at + 9);
            if (!choices.empty() && choices.back() == '}') choices.pop_back();
            std::string list;
            for (char c : choices) list += c == ',' ? std::string(", ") : std::string(1, c);
            const size_t colon = sentence.rfind(": ", at);
            const std::string value =
                sentence.substr(colon == std::string::npos ? 0 : colon + 2,
                                at - (colon == std::string::npos ? 0 : colon + 2));
            sentence = "'" + value + "' is not one of " + list;
        }
        return sentence + " (see " + joined(path) + " --help)";
    }
    if (const auto at = what.find("Could not convert: "); at != std::string::npos) {
        // "Could not convert: --latest-limit = x"
        const std::string rest = what.substr(at + 19);
        const size_t eq = rest.find(" = ");
        if (eq != std::string::npos)
            return "'" + rest.substr(eq + 3) + "' is not a valid value for " + rest.substr(0, eq);
    }
    // Anything else CLI11 refuses, still one sentence.
    return what + " (see " + joined(path) + " --help)";
}

}  // namespace mpm::cli
