#include <ostream>

#include "helm/cli/root.h"

namespace helm::cli {
namespace {

// The build this reimplementation matches (Helm v4.2.4's release build information).
constexpr char kVersion[] = "v4.2.4";
constexpr char kGitCommit[] = "3900f434fd3ef2b84065dc04508df48f288dba00";
constexpr char kGitTreeState[] = "clean";
constexpr char kGoVersion[] = "go1.26.0";
constexpr char kKubeClientVersion[] = "v1.36";

}  // namespace

std::unique_ptr<Command> NewVersionCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "version";
  cmd->short_desc = "print the helm version information";
  cmd->args = NoArgs();
  cmd->flags.Add("short", FlagType::kBool);
  cmd->run = [](const Command& c, const std::vector<std::string>&, IoStreams io) -> Status {
    const FlagSet& f = c.AllFlags();
    if (f.GetBool("short")) {
      *io.out << kVersion << "+g" << std::string(kGitCommit, 7) << "\n";
      return OkStatus();
    }
    *io.out << "version.BuildInfo{Version:\"" << kVersion << "\", GitCommit:\"" << kGitCommit
            << "\", GitTreeState:\"" << kGitTreeState << "\", GoVersion:\"" << kGoVersion
            << "\", KubeClientVersion:\"" << kKubeClientVersion << "\"}\n";
    return OkStatus();
  };
  return cmd;
}

}  // namespace helm::cli
