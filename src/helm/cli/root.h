// The helm root command and its subcommands.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "helm/cli/command.h"

namespace helm::cli {

// Helm's default file locations (helmpath), from HELM_*_HOME, XDG_*_HOME and HOME.
struct HelmPaths {
  std::string keyring;
  std::string content_cache;
  std::string registry_config;
  std::string repository_cache;
  std::string repository_config;
};
HelmPaths DefaultHelmPaths();

// Builds `helm` with its global flags and the commands implemented so far (template, version).
std::unique_ptr<Command> NewRootCommand();

// Subcommand builders.
std::unique_ptr<Command> NewTemplateCommand();
std::unique_ptr<Command> NewVersionCommand();
std::unique_ptr<Command> NewRepoCommand();
std::unique_ptr<Command> NewSearchCommand();
std::unique_ptr<Command> NewShowCommand();
std::unique_ptr<Command> NewCreateCommand();
std::unique_ptr<Command> NewPackageCommand();
std::unique_ptr<Command> NewEnvCommand();
std::unique_ptr<Command> NewDependencyCommand();

// Helm's Go-style path.Match (used by --show-only): `*`, `?`, `[...]`, `\` escapes; '/' is never matched
// by a wildcard. A malformed pattern matches nothing.
bool PathMatch(std::string_view pattern, std::string_view name);

}  // namespace helm::cli
