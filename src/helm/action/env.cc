#include "helm/action/env.h"

#include <cstdlib>

#include "helm/action/show.h"
#include "helm/base/strings.h"

namespace helm::action {
namespace {

bool LookupEnv(const char* name, std::string* v) {
  const char* e = std::getenv(name);
  if (e == nullptr) return false;
  *v = e;
  return true;
}

std::string EnvOr(const char* name, const std::string& def) {
  std::string v;
  return LookupEnv(name, &v) ? v : def;
}

// helmpath's lazypath: $HELM_X_HOME, else $XDG_X_HOME/helm, else $HOME/<fallback>/helm.
std::string HomePath(const char* helm_env, const char* xdg_env, const char* fallback) {
  std::string v;
  if (LookupEnv(helm_env, &v) && !v.empty()) return CleanPath(v);
  if (LookupEnv(xdg_env, &v) && !v.empty()) return CleanPath(v + "/helm");
  return CleanPath(EnvOr("HOME", "") + "/" + fallback + "/helm");
}

bool ParseGoBool(const std::string& s, bool* b) {
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") {
    *b = true;
    return true;
  }
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") {
    *b = false;
    return true;
  }
  return false;
}

}  // namespace

std::map<std::string, std::string> EnvVars(const GivenFlags& flags, const std::string& bin) {
  auto flag_or = [&flags](const char* flag, const std::string& def) {
    auto it = flags.find(flag);
    return it == flags.end() ? def : it->second;
  };
  const std::string cache = HomePath("HELM_CACHE_HOME", "XDG_CACHE_HOME", ".cache");
  const std::string config = HomePath("HELM_CONFIG_HOME", "XDG_CONFIG_HOME", ".config");
  const std::string data = HomePath("HELM_DATA_HOME", "XDG_DATA_HOME", ".local/share");

  auto env_bool = [](const char* name) {
    bool b = false;
    std::string v;
    if (LookupEnv(name, &v)) ParseGoBool(v, &b);
    return b;
  };
  auto env_int = [](const char* name, long def) {
    std::string v;
    if (!LookupEnv(name, &v)) return def;
    char* end = nullptr;
    long n = std::strtol(v.c_str(), &end, 10);
    return (end != v.c_str() && *end == '\0') ? n : def;
  };
  auto bool_text = [](bool b) { return std::string(b ? "true" : "false"); };

  bool debug = env_bool("HELM_DEBUG");
  if (auto it = flags.find("debug"); it != flags.end()) ParseGoBool(it->second, &debug);
  bool insecure = env_bool("HELM_KUBEINSECURE_SKIP_TLS_VERIFY");
  if (auto it = flags.find("kube-insecure-skip-tls-verify"); it != flags.end()) ParseGoBool(it->second, &insecure);

  double qps = 0;
  {
    std::string v = flag_or("qps", EnvOr("HELM_QPS", ""));
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (!v.empty() && end != v.c_str() && *end == '\0') qps = static_cast<float>(d);
  }
  std::string ns = flag_or("namespace", EnvOr("HELM_NAMESPACE", ""));
  if (ns.empty()) ns = "default";

  std::map<std::string, std::string> env = {
      {"HELM_BIN", bin},
      {"HELM_CACHE_HOME", cache},
      {"HELM_CONFIG_HOME", config},
      {"HELM_DATA_HOME", data},
      {"HELM_DEBUG", bool_text(debug)},
      {"HELM_PLUGINS", EnvOr("HELM_PLUGINS", data + "/plugins")},
      {"HELM_REGISTRY_CONFIG", flag_or("registry-config", EnvOr("HELM_REGISTRY_CONFIG", config + "/registry/config.json"))},
      {"HELM_REPOSITORY_CACHE", flag_or("repository-cache", EnvOr("HELM_REPOSITORY_CACHE", cache + "/repository"))},
      {"HELM_REPOSITORY_CONFIG", flag_or("repository-config", EnvOr("HELM_REPOSITORY_CONFIG", config + "/repositories.yaml"))},
      {"HELM_CONTENT_CACHE", flag_or("content-cache", EnvOr("HELM_CONTENT_CACHE", cache + "/content"))},
      {"HELM_NAMESPACE", ns},
      {"HELM_MAX_HISTORY", std::to_string(env_int("HELM_MAX_HISTORY", 10))},
      {"HELM_BURST_LIMIT", flag_or("burst-limit", std::to_string(env_int("HELM_BURST_LIMIT", 100)))},
      {"HELM_QPS", FormatFloat(qps, 'f', 2)},
      {"HELM_KUBECONTEXT", flag_or("kube-context", EnvOr("HELM_KUBECONTEXT", ""))},
      {"HELM_KUBETOKEN", flag_or("kube-token", EnvOr("HELM_KUBETOKEN", ""))},
      {"HELM_KUBEASUSER", flag_or("kube-as-user", EnvOr("HELM_KUBEASUSER", ""))},
      {"HELM_KUBEASGROUPS", flag_or("kube-as-group", EnvOr("HELM_KUBEASGROUPS", ""))},
      {"HELM_KUBEAPISERVER", flag_or("kube-apiserver", EnvOr("HELM_KUBEAPISERVER", ""))},
      {"HELM_KUBECAFILE", flag_or("kube-ca-file", EnvOr("HELM_KUBECAFILE", ""))},
      {"HELM_KUBEINSECURE_SKIP_TLS_VERIFY", bool_text(insecure)},
      {"HELM_KUBETLS_SERVER_NAME", flag_or("kube-tls-server-name", EnvOr("HELM_KUBETLS_SERVER_NAME", ""))},
  };
  // Only --kubeconfig sets it; the KUBECONFIG variable is read by the Kubernetes client, not listed here.
  if (std::string kc = flag_or("kubeconfig", ""); !kc.empty()) env["KUBECONFIG"] = kc;
  return env;
}

}  // namespace helm::action
