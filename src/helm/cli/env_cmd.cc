// `helm env [NAME]`.
#include <fstream>
#include <ostream>

#include "helm/action/env.h"
#include "helm/cli/root.h"

namespace helm::cli {
namespace {

// Helm prints os.Args[0]: the first word of /proc/self/cmdline.
std::string ProgramName() {
  std::ifstream f("/proc/self/cmdline", std::ios::binary);
  std::string arg0;
  std::getline(f, arg0, '\0');
  return arg0;
}

}  // namespace

std::unique_ptr<Command> NewEnvCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "env";
  cmd->short_desc = "helm client environment information";
  cmd->long_desc = "\nEnv prints out all the environment information in use by Helm.\n";
  cmd->args = [](const Command& c, const std::vector<std::string>& args) -> Status {
    if (args.size() <= 1) return OkStatus();
    return Error(Code::kInvalidArgument,
                 "\"" + c.CommandPath() + "\" accepts at most 1 argument\n\nUsage:  " + c.UseLine());
  };
  cmd->run = [](const Command& c, const std::vector<std::string>& args, IoStreams io) -> Status {
    action::GivenFlags given;
    const FlagSet& f = c.AllFlags();
    for (const char* name : {"namespace", "kube-context", "kube-token", "kube-as-user", "kube-apiserver",
                             "kube-ca-file", "kube-tls-server-name", "kubeconfig", "registry-config",
                             "repository-cache", "repository-config", "content-cache", "burst-limit", "qps"}) {
      if (f.Changed(name)) given[name] = f.GetString(name);
    }
    if (f.Changed("kube-as-group")) {
      std::string joined;
      for (const std::string& g : f.GetStrings("kube-as-group")) joined += (joined.empty() ? "" : ",") + g;
      // Helm v4.2.4 parses the flag into its settings twice, so every group appears twice.
      given["kube-as-group"] = joined + "," + joined;
    }
    for (const char* name : {"debug", "kube-insecure-skip-tls-verify"}) {
      if (f.Changed(name)) given[name] = f.GetBool(name) ? "true" : "false";
    }
    const std::map<std::string, std::string> env = action::EnvVars(given, ProgramName());
    if (args.size() == 1) {
      auto it = env.find(args[0]);
      *io.out << (it == env.end() ? "" : it->second) << "\n";
      return OkStatus();
    }
    for (const auto& [k, v] : env) *io.out << k << "=\"" << v << "\"\n";
    return OkStatus();
  };
  return cmd;
}

}  // namespace helm::cli
