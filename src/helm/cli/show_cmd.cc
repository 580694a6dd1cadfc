// `helm show` (alias `inspect`) and its subcommands all, chart, values, readme, crds.
#include <ostream>

#include "helm/action/show.h"
#include "helm/base/strings.h"
#include "helm/cli/root.h"

namespace helm::cli {
namespace {

// The chart-locating flags Helm adds to every show subcommand (addChartPathOptionsFlags).
void AddChartPathFlags(FlagSet& f, const HelmPaths& paths) {
  f.Add(Spec("ca-file", 0, FlagType::kString, "verify certificates of HTTPS-enabled servers using this CA bundle"));
  f.Add(Spec("cert-file", 0, FlagType::kString, "identify HTTPS client using this SSL certificate file"));
  f.Add(Spec("devel", 0, FlagType::kBool,
             "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is "
             "ignored"));
  f.Add(Spec("insecure-skip-tls-verify", 0, FlagType::kBool, "skip tls certificate checks for the chart download"));
  f.Add(Spec("key-file", 0, FlagType::kString, "identify HTTPS client using this SSL key file"));
  {
    FlagSpec s = Spec("keyring", 0, FlagType::kString, "location of public keys used for verification");
    s.default_value = paths.keyring;
    s.help_default = GoQuote(paths.keyring);
    f.Add(std::move(s));
  }
  f.Add(Spec("pass-credentials", 0, FlagType::kBool, "pass credentials to all domains"));
  f.Add(Spec("password", 0, FlagType::kString, "chart repository password where to locate the requested chart"));
  f.Add(Spec("plain-http", 0, FlagType::kBool, "use insecure HTTP connections for the chart download"));
  f.Add(Spec("repo", 0, FlagType::kString, "chart repository url where to locate the requested chart"));
  f.Add(Spec("username", 0, FlagType::kString, "chart repository username where to locate the requested chart"));
  f.Add(Spec("verify", 0, FlagType::kBool, "verify the package before using it"));
  f.Add(Spec("version", 0, FlagType::kString,
             "specify a version constraint for the chart version to use. This constraint can be a specific tag "
             "(e.g. 1.1.1) or it may reference a valid range (e.g. ^2.0.0). If this is not specified, the latest "
             "version is used"));
}

std::unique_ptr<Command> NewShowSubcommand(const char* name, action::ShowFormat format, const char* short_desc,
                                           const char* what, const HelmPaths& paths) {
  auto cmd = std::make_unique<Command>();
  cmd->use = std::string(name) + " [CHART]";
  cmd->short_desc = short_desc;
  cmd->long_desc = std::string("\nThis command inspects a chart (directory, file, or URL) and displays ") + what;
  cmd->args = ExactArgs(1);
  AddChartPathFlags(cmd->flags, paths);
  if (format == action::ShowFormat::kValues) {
    cmd->flags.Add(Spec("jsonpath", 0, FlagType::kString, "supply a JSONPath expression to filter the output"));
  }
  cmd->run = [format](const Command& c, const std::vector<std::string>& args, IoStreams io) -> Status {
    const FlagSet& f = c.AllFlags();
    action::ShowOptions opts;
    opts.format = format;
    if (format == action::ShowFormat::kValues) opts.jsonpath = f.GetString("jsonpath");
    HELM_ASSIGN_OR_RETURN(std::string path,
                          action::LocateLocalChart(args[0], f.GetString("repository-config"),
                                                   f.GetBool("verify"), f.GetString("keyring")));
    HELM_ASSIGN_OR_RETURN(std::string out, action::ShowChart(path, opts));
    *io.out << out;
    return OkStatus();
  };
  return cmd;
}

}  // namespace

std::unique_ptr<Command> NewShowCommand() {
  const HelmPaths paths = DefaultHelmPaths();
  auto cmd = std::make_unique<Command>();
  cmd->use = "show";
  cmd->aliases = {"inspect"};
  cmd->short_desc = "show information of a chart";
  cmd->long_desc = "\nThis command consists of multiple subcommands to display information about a chart\n";
  cmd->args = NoArgs();
  using action::ShowFormat;
  cmd->AddCommand(NewShowSubcommand("all", ShowFormat::kAll, "show all information of the chart",
                                    "all its content\n(values.yaml, Chart.yaml, README)\n", paths));
  cmd->AddCommand(NewShowSubcommand("chart", ShowFormat::kChart, "show the chart's definition",
                                    "the contents\nof the Chart.yaml file\n", paths));
  cmd->AddCommand(NewShowSubcommand("values", ShowFormat::kValues, "show the chart's values",
                                    "the contents\nof the values.yaml file\n", paths));
  cmd->AddCommand(NewShowSubcommand("readme", ShowFormat::kReadme, "show the chart's README",
                                    "the contents\nof the README file\n", paths));
  cmd->AddCommand(NewShowSubcommand("crds", ShowFormat::kCrds, "show the chart's CRDs",
                                    "the contents\nof the CustomResourceDefinition files\n", paths));
  return cmd;
}

}  // namespace helm::cli
