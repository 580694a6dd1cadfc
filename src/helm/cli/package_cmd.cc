// `helm package CHART_PATH...` (without --sign and --dependency-update, which need keys and the network).
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ostream>

#include "helm/action/package.h"
#include "helm/action/show.h"
#include "helm/base/strings.h"
#include "helm/cli/root.h"

namespace helm::cli {

std::unique_ptr<Command> NewPackageCommand() {
  const HelmPaths paths = DefaultHelmPaths();
  auto cmd = std::make_unique<Command>();
  cmd->use = "package [CHART_PATH] [...]";
  cmd->short_desc = "package a chart directory into a chart archive";
  cmd->long_desc = R"(
This command packages a chart into a versioned chart archive file. If a path
is given, this will look at that path for a chart (which must contain a
Chart.yaml file) and then package that directory.

Versioned chart archives are used by Helm package repositories.

To sign a chart, use the '--sign' flag. In most cases, you should also
provide '--keyring path/to/secret/keys' and '--key keyname'.

  $ helm package --sign ./mychart --key mykey --keyring ~/.gnupg/secring.gpg

If '--keyring' is not specified, Helm usually defaults to the public keyring
unless your environment is otherwise configured.
)";
  FlagSet& f = cmd->flags;
  f.Add(Spec("app-version", 0, FlagType::kString, "set the appVersion on the chart to this version"));
  f.Add(Spec("ca-file", 0, FlagType::kString, "verify certificates of HTTPS-enabled servers using this CA bundle"));
  f.Add(Spec("cert-file", 0, FlagType::kString, "identify HTTPS client using this SSL certificate file"));
  {
    FlagSpec s = Spec("destination", 'd', FlagType::kString, "location to write the chart.");
    s.default_value = ".";
    s.help_default = "\".\"";
    f.Add(std::move(s));
  }
  f.Add(Spec("insecure-skip-tls-verify", 0, FlagType::kBool, "skip tls certificate checks for the chart download"));
  f.Add(Spec("key-file", 0, FlagType::kString, "identify HTTPS client using this SSL key file"));
  f.Add(Spec("password", 0, FlagType::kString, "chart repository password where to locate the requested chart"));
  f.Add(Spec("plain-http", 0, FlagType::kBool, "use insecure HTTP connections for the chart download"));
  f.Add(Spec("username", 0, FlagType::kString, "chart repository username where to locate the requested chart"));
  f.Add(Spec("version", 0, FlagType::kString, "set the version on the chart to this semver version"));
  cmd->run = [](const Command& c, const std::vector<std::string>& args, IoStreams io) -> Status {
    const FlagSet& flags = c.AllFlags();
    if (args.empty()) return Error(Code::kInvalidArgument, "need at least one argument, the path to the chart");
    action::PackageOptions opts;
    opts.version = flags.GetString("version");
    opts.app_version = flags.GetString("app-version");
    opts.destination = flags.GetString("destination");
    for (const std::string& arg : args) {
      const std::string path = action::AbsPath(arg);
      struct stat st;
      if (::stat(arg.c_str(), &st) != 0) {
        return Error(Code::kNotFound, "stat " + arg + ": " + action::GoErrnoText(errno));
      }
      HELM_ASSIGN_OR_RETURN(std::string out, action::PackageChart(path, opts));
      *io.out << "Successfully packaged chart and saved it to: " << out << "\n";
    }
    return OkStatus();
  };
  return cmd;
}

}  // namespace helm::cli
