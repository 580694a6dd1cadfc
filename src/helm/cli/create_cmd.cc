// `helm create NAME [--starter]`.
#include <cstdlib>
#include <ostream>

#include "helm/action/create.h"
#include "helm/action/env.h"
#include "helm/cli/root.h"

namespace helm::cli {

std::unique_ptr<Command> NewCreateCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "create NAME";
  cmd->short_desc = "create a new chart with the given name";
  cmd->long_desc = R"(
This command creates a chart directory along with the common files and
directories used in a chart.

For example, 'helm create foo' will create a directory structure that looks
something like this:

    foo/
    ├── .helmignore   # Contains patterns to ignore when packaging Helm charts.
    ├── Chart.yaml    # Information about your chart
    ├── values.yaml   # The default values for your templates
    ├── charts/       # Charts that this chart depends on
    └── templates/    # The template files
        └── tests/    # The test files

'helm create' takes a path for an argument. If directories in the given path
do not exist, Helm will attempt to create them as it goes. If the given
destination exists and there are files in that directory, conflicting files
will be overwritten, but other files will be left alone.
)";
  cmd->args = ExactArgs(1);
  cmd->flags.Add(Spec("starter", 'p', FlagType::kString, "the name or absolute path to Helm starter scaffold"));
  cmd->run = [](const Command& c, const std::vector<std::string>& args, IoStreams io) -> Status {
    *io.out << "Creating " << args[0] << "\n";
    const std::string data_home = action::EnvVars({}, "")["HELM_DATA_HOME"];
    // Helm points chartutil.Stderr at stdout for `helm create`.
    return action::CreateChart(args[0], c.AllFlags().GetString("starter"), data_home + "/starters",
                               [&io](std::string_view line) { *io.out << line << "\n"; });
  };
  return cmd;
}

}  // namespace helm::cli
