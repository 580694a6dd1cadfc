// `helm dependency` (aliases dep, dependencies) and its offline subcommand `list` (alias ls).
#include <cstdlib>
#include <ostream>

#include "helm/action/dependency.h"
#include "helm/action/show.h"
#include "helm/cli/root.h"

namespace helm::cli {

std::unique_ptr<Command> NewDependencyCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "dependency update|build|list";
  cmd->aliases = {"dep", "dependencies"};
  cmd->short_desc = "manage a chart's dependencies";
  cmd->args = NoArgs();

  auto list = std::make_unique<Command>();
  list->use = "list CHART";
  list->aliases = {"ls"};
  list->short_desc = "list the dependencies for the given chart";
  list->long_desc = R"(
List all of the dependencies declared in a chart.

This can take chart archives and chart directories as input. It will not alter
the contents of a chart.

This will produce an error if the chart cannot be loaded.
)";
  list->args = [](const Command& c, const std::vector<std::string>& args) -> Status {
    if (args.size() <= 1) return OkStatus();
    return Error(Code::kInvalidArgument,
                 "\"" + c.CommandPath() + "\" accepts at most 1 argument\n\nUsage:  " + c.UseLine());
  };
  {
    FlagSpec s = Spec("max-col-width", 0, FlagType::kInt, "maximum column width for output table");
    s.value_type = "uint";
    s.default_value = "80";
    s.help_default = "80";
    list->flags.Add(std::move(s));
  }
  list->run = [](const Command& c, const std::vector<std::string>& args, IoStreams io) -> Status {
    const std::string path = args.empty() ? "." : helm::CleanPath(args[0]);
    const long width = std::strtol(c.AllFlags().GetString("max-col-width").c_str(), nullptr, 10);
    HELM_ASSIGN_OR_RETURN(std::string out, action::ListDependencies(path, static_cast<size_t>(width)));
    *io.out << out;
    return OkStatus();
  };
  cmd->AddCommand(std::move(list));
  return cmd;
}

}  // namespace helm::cli
