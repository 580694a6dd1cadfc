// `helm env` (Helm v4.2.4 pkg/cli.EnvSettings.EnvVars): Helm's settings as HELM_* variables.
#pragma once

#include <map>
#include <string>

namespace helm::action {

// Global flags given on the command line, by flag name ("namespace", "kube-context", "debug", ...); each
// overrides its environment variable, as Helm binds flags over env-derived defaults.
using GivenFlags = std::map<std::string, std::string>;

// The variables `helm env` prints, sorted by name: HELM_BIN (`bin`, Helm's os.Args[0]), the XDG homes
// (HELM_*_HOME, else XDG_*_HOME/helm, else ~/.cache/helm, ~/.config/helm, ~/.local/share/helm), the
// derived paths, the kube client settings, HELM_NAMESPACE ("default" unless set by -n or HELM_NAMESPACE; a
// namespace from the kubeconfig is not read), HELM_MAX_HISTORY, HELM_BURST_LIMIT, HELM_QPS (two decimals)
// and KUBECONFIG when --kubeconfig is given.
std::map<std::string, std::string> EnvVars(const GivenFlags& flags, const std::string& bin);

}  // namespace helm::action
