// A cobra-like command tree: each command has local flags, persistent flags inherited by its children, an
// argument check and a Run function. Execute routes argv to the command, parses flags and runs it, and
// prints errors the way Helm's main does ("Error: <message>" on stderr, exit status 1).
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "helm/base/result.h"
#include "helm/cli/flags.h"

namespace helm::cli {

struct IoStreams {
  std::ostream* out;
  std::ostream* err;
};

class Command;
using RunFunc = std::function<Status(const Command& cmd, const std::vector<std::string>& args, IoStreams io)>;
using ArgsFunc = std::function<Status(const Command& cmd, const std::vector<std::string>& args)>;

class Command {
 public:
  std::string use;         // "template [NAME] [CHART]"
  std::string short_desc;  // one line
  std::vector<std::string> aliases;  // other names the command is invoked by ("inspect" for show)
  std::string long_desc;
  FlagSet flags;             // local flags
  FlagSet persistent_flags;  // also visible to every descendant
  ArgsFunc args;             // optional argument check
  RunFunc run;

  Command* AddCommand(std::unique_ptr<Command> child);
  const Command* parent() const { return parent_; }
  const std::vector<std::unique_ptr<Command>>& children() const { return children_; }

  std::string Name() const;      // first word of `use`
  std::string CommandPath() const;  // "helm template"
  std::string UseLine() const;   // "helm template [NAME] [CHART] [flags]"
  // cobra's help: the long description, usage line, local flags and inherited ("Global") flags.
  std::string HelpText() const;

  // Every flag this command accepts (local, own persistent, inherited persistent), parsed values included
  // once Execute has run.
  const FlagSet& AllFlags() const { return all_flags_; }

 private:
  friend int Execute(Command& root, const std::vector<std::string>& argv, IoStreams io);
  Command* parent_ = nullptr;
  std::vector<std::unique_ptr<Command>> children_;
  FlagSet all_flags_;
};

// Runs the command named by argv (argv excludes the program name) and returns the process exit status.
int Execute(Command& root, const std::vector<std::string>& argv, IoStreams io);

// Argument checks with Helm's messages (pkg/cmd/require).
ArgsFunc NoArgs();
ArgsFunc MinimumNArgs(int n);
ArgsFunc ExactArgs(int n);

}  // namespace helm::cli
