#include "helm/cli/command.h"

#include <algorithm>
#include <ostream>

namespace helm::cli {
namespace {

// Cobra's stripFlags: the words of argv that are not flags or flag values, used to find the command.
std::vector<std::string> StripFlags(const std::vector<std::string>& args, const FlagSet& flags) {
  std::vector<std::string> out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
      if (a.find('=') == std::string::npos) {
        const FlagSpec* f = flags.Lookup(a.substr(2));
        if (f != nullptr && f->no_opt_default.empty()) ++i;
      }
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      if (a.size() == 2) {
        const FlagSpec* f = flags.LookupShorthand(a[1]);
        if (f != nullptr && f->no_opt_default.empty()) ++i;
      }
      continue;
    }
    out.push_back(a);
  }
  return out;
}

std::string Plural(int n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

}  // namespace

Command* Command::AddCommand(std::unique_ptr<Command> child) {
  child->parent_ = this;
  children_.push_back(std::move(child));
  return children_.back().get();
}

std::string Command::Name() const {
  size_t sp = use.find(' ');
  return sp == std::string::npos ? use : use.substr(0, sp);
}

std::string Command::CommandPath() const {
  if (parent_ == nullptr) return Name();
  return parent_->CommandPath() + " " + Name();
}

std::string Command::UseLine() const {
  std::string line = parent_ == nullptr ? use : parent_->CommandPath() + " " + use;
  if (line.find("[flags]") == std::string::npos) line += " [flags]";
  return line;
}

namespace {

std::string TrimTrailingSpace(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

std::string Command::HelpText() const {
  std::string out;
  std::string desc = TrimTrailingSpace(long_desc.empty() ? short_desc : long_desc);
  if (!desc.empty()) out += desc + "\n\n";
  out += "Usage:";
  if (run) out += "\n  " + UseLine();
  if (!children_.empty()) out += "\n  " + CommandPath() + " [command]";
  if (!aliases.empty()) {
    out += "\n\nAliases:\n  " + Name();
    for (const std::string& a : aliases) out += ", " + a;
  }
  if (!children_.empty()) {
    // cobra: children sorted by name, names padded to the longest (at least 11 columns).
    std::vector<const Command*> sorted;
    size_t pad = 11;
    for (const auto& c : children_) {
      sorted.push_back(c.get());
      pad = std::max(pad, c->Name().size());
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const Command* a, const Command* b) { return a->Name() < b->Name(); });
    out += "\n\nAvailable Commands:";
    for (const Command* c : sorted) {
      std::string name = c->Name();
      name.resize(pad, ' ');
      out += "\n  " + name + " " + c->short_desc;
    }
  }
  FlagSet local = flags;
  local.AddAll(persistent_flags);
  std::string local_usages = TrimTrailingSpace(local.FlagUsages());
  if (!local_usages.empty()) out += "\n\nFlags:\n" + local_usages;
  FlagSet inherited;
  for (const Command* p = parent_; p != nullptr; p = p->parent_) inherited.AddAll(p->persistent_flags);
  std::string inherited_usages = TrimTrailingSpace(inherited.FlagUsages());
  if (!inherited_usages.empty()) out += "\n\nGlobal Flags:\n" + inherited_usages;
  if (!children_.empty()) {
    out += "\n\nUse \"" + CommandPath() + " [command] --help\" for more information about a command.";
  }
  return out + "\n";
}

int Execute(Command& root, const std::vector<std::string>& argv, IoStreams io) {
  // Find the command: follow the leading non-flag words through the tree.
  Command* cmd = &root;
  FlagSet inherited = root.persistent_flags;
  std::vector<std::string> rest = argv;
  std::vector<std::string> words = StripFlags(argv, inherited);
  for (const std::string& w : words) {
    Command* next = nullptr;
    for (const auto& c : cmd->children()) {
      if (c->Name() == w) next = c.get();
      for (const std::string& a : c->aliases) {
        if (a == w) next = c.get();
      }
    }
    if (next == nullptr) {
      if (cmd == &root && cmd->run == nullptr) {
        *io.err << "Error: unknown command \"" << w << "\" for \"" << root.Name() << "\"\n"
                << "Run '" << root.Name() << " --help' for usage.\n";
        return 1;
      }
      break;
    }
    // Drop the first occurrence of the command word from the arguments.
    for (auto it = rest.begin(); it != rest.end(); ++it) {
      if (*it == w) {
        rest.erase(it);
        break;
      }
    }
    cmd = next;
    inherited.AddAll(cmd->persistent_flags);
  }

  if (cmd->flags.Lookup("help") == nullptr) {
    cmd->flags.Add(Spec("help", 'h', FlagType::kBool, "help for " + cmd->Name()));
  }
  FlagSet all = cmd->flags;
  all.AddAll(cmd->persistent_flags);
  all.AddAll(inherited);
  std::vector<std::string> positional;
  Status st = all.Parse(rest, &positional);
  cmd->all_flags_ = all;
  for (const std::string& w : all.deprecation_warnings()) *io.err << w << "\n";
  if (st.ok() && all.GetBool("help")) {
    *io.out << cmd->HelpText();
    return 0;
  }
  if (st.ok() && cmd->run == nullptr) {
    // cobra prints the help of a command that only groups subcommands.
    *io.out << cmd->HelpText();
    return 0;
  }
  if (st.ok() && cmd->args) st = cmd->args(*cmd, positional);
  if (st.ok()) st = cmd->run(*cmd, positional, io);
  if (!st.ok()) {
    *io.err << "Error: " << st.message() << "\n";
    return 1;
  }
  return 0;
}

ArgsFunc NoArgs() {
  return [](const Command& cmd, const std::vector<std::string>& args) -> Status {
    if (args.empty()) return OkStatus();
    return Error(Code::kInvalidArgument, "\"" + cmd.CommandPath() + "\" accepts no arguments\n\nUsage:  " +
                                             cmd.UseLine());
  };
}

ArgsFunc MinimumNArgs(int n) {
  return [n](const Command& cmd, const std::vector<std::string>& args) -> Status {
    if (static_cast<int>(args.size()) >= n) return OkStatus();
    return Error(Code::kInvalidArgument, "\"" + cmd.CommandPath() + "\" requires at least " +
                                             Plural(n, "argument") + "\n\nUsage:  " + cmd.UseLine());
  };
}

ArgsFunc ExactArgs(int n) {
  return [n](const Command& cmd, const std::vector<std::string>& args) -> Status {
    if (static_cast<int>(args.size()) == n) return OkStatus();
    return Error(Code::kInvalidArgument, "\"" + cmd.CommandPath() + "\" requires " + Plural(n, "argument") +
                                             "\n\nUsage:  " + cmd.UseLine());
  };
}

}  // namespace helm::cli
