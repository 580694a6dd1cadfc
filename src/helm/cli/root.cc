#include "helm/cli/root.h"

#include <cstdlib>

#include "helm/base/strings.h"

namespace helm::cli {

namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

}  // namespace

HelmPaths DefaultHelmPaths() {
  const std::string home = Env("HOME");
  auto base = [&](const char* helm_env, const char* xdg_env, const char* fallback) {
    if (std::string v = Env(helm_env); !v.empty()) return v;
    if (std::string v = Env(xdg_env); !v.empty()) return v + "/helm";
    return home + fallback;
  };
  const std::string cache = base("HELM_CACHE_HOME", "XDG_CACHE_HOME", "/.cache/helm");
  const std::string config = base("HELM_CONFIG_HOME", "XDG_CONFIG_HOME", "/.config/helm");
  HelmPaths p;
  std::string gnupg = Env("GNUPGHOME");
  p.keyring = (gnupg.empty() ? home + "/.gnupg" : gnupg) + "/pubring.gpg";
  p.content_cache = Env("HELM_CONTENT_CACHE").empty() ? cache + "/content" : Env("HELM_CONTENT_CACHE");
  p.registry_config =
      Env("HELM_REGISTRY_CONFIG").empty() ? config + "/registry/config.json" : Env("HELM_REGISTRY_CONFIG");
  p.repository_cache = Env("HELM_REPOSITORY_CACHE").empty() ? cache + "/repository" : Env("HELM_REPOSITORY_CACHE");
  p.repository_config =
      Env("HELM_REPOSITORY_CONFIG").empty() ? config + "/repositories.yaml" : Env("HELM_REPOSITORY_CONFIG");
  return p;
}

std::unique_ptr<Command> NewRootCommand() {
  auto root = std::make_unique<Command>();
  root->use = "helm";
  root->short_desc = "The Helm package manager for Kubernetes.";
  FlagSet& f = root->persistent_flags;
  const HelmPaths paths = DefaultHelmPaths();
  {
    FlagSpec s = Spec("burst-limit", 0, FlagType::kInt,
                      "client-side default throttling limit");
    s.default_value = "100";
    s.help_default = "100";
    f.Add(std::move(s));
  }
  {
    FlagSpec s = Spec("color", 0, FlagType::kString,
                      "use colored output (never, auto, always)");
    s.default_value = "auto";
    s.help_default = "\"auto\"";
    f.Add(std::move(s));
  }
  {
    FlagSpec s = Spec("colour", 0, FlagType::kString,
                      "use colored output (never, auto, always)");
    s.default_value = "auto";
    s.help_default = "\"auto\"";
    f.Add(std::move(s));
  }
  {
    FlagSpec s = Spec("content-cache", 0, FlagType::kString,
                      "path to the directory containing cached content (e.g. charts)");
    s.default_value = paths.content_cache;
    s.help_default = GoQuote(paths.content_cache);
    f.Add(std::move(s));
  }
  f.Add(Spec("debug", 0, FlagType::kBool,
               "enable verbose output"));
  f.Add(Spec("kube-apiserver", 0, FlagType::kString,
               "the address and the port for the Kubernetes API server"));
  f.Add(Spec("kube-as-group", 0, FlagType::kStringArray,
               "group to impersonate for the operation, this flag can be repeated to specify multiple groups."));
  f.Add(Spec("kube-as-user", 0, FlagType::kString,
               "username to impersonate for the operation"));
  f.Add(Spec("kube-ca-file", 0, FlagType::kString,
               "the certificate authority file for the Kubernetes API server connection"));
  f.Add(Spec("kube-context", 0, FlagType::kString,
               "name of the kubeconfig context to use"));
  f.Add(Spec("kube-insecure-skip-tls-verify", 0, FlagType::kBool,
               "if true, the Kubernetes API server's certificate will not be checked for validity. This will make your HTTPS connections insecure"));
  f.Add(Spec("kube-tls-server-name", 0, FlagType::kString,
               "server name to use for Kubernetes API server certificate validation. If it is not provided, the hostname used to contact the server is used"));
  f.Add(Spec("kube-token", 0, FlagType::kString,
               "bearer token used for authentication"));
  f.Add(Spec("kubeconfig", 0, FlagType::kString,
               "path to the kubeconfig file"));
  f.Add(Spec("namespace", 'n', FlagType::kString,
               "namespace scope for this request"));
  f.Add(Spec("qps", 0, FlagType::kFloat32,
               "queries per second used when communicating with the Kubernetes API, not including bursting"));
  {
    FlagSpec s = Spec("registry-config", 0, FlagType::kString,
                      "path to the registry config file");
    s.default_value = paths.registry_config;
    s.help_default = GoQuote(paths.registry_config);
    f.Add(std::move(s));
  }
  {
    FlagSpec s = Spec("repository-cache", 0, FlagType::kString,
                      "path to the directory containing cached repository indexes");
    s.default_value = paths.repository_cache;
    s.help_default = GoQuote(paths.repository_cache);
    f.Add(std::move(s));
  }
  {
    FlagSpec s = Spec("repository-config", 0, FlagType::kString,
                      "path to the file containing repository names and URLs");
    s.default_value = paths.repository_config;
    s.help_default = GoQuote(paths.repository_config);
    f.Add(std::move(s));
  }
  root->AddCommand(NewTemplateCommand());
  root->AddCommand(NewVersionCommand());
  root->AddCommand(NewRepoCommand());
  root->AddCommand(NewSearchCommand());
  root->AddCommand(NewShowCommand());
  root->AddCommand(NewCreateCommand());
  root->AddCommand(NewPackageCommand());
  root->AddCommand(NewEnvCommand());
  root->AddCommand(NewDependencyCommand());
  return root;
}

namespace {

bool MatchChunk(std::string_view p, std::string_view s, bool* bad) {
  size_t pi = 0, si = 0;
  while (pi < p.size()) {
    char c = p[pi];
    if (c == '*') {
      std::string_view rest = p.substr(pi + 1);
      for (size_t k = si; k <= s.size(); ++k) {
        if (MatchChunk(rest, s.substr(k), bad)) return true;
        if (*bad || (k < s.size() && s[k] == '/')) return false;
      }
      return false;
    }
    if (si >= s.size()) return false;
    if (c == '?') {
      if (s[si] == '/') return false;
      ++pi;
      ++si;
      continue;
    }
    if (c == '[') {
      size_t j = pi + 1;
      bool negate = j < p.size() && p[j] == '^';
      if (negate) ++j;
      bool hit = false, first = true;
      while (true) {
        if (j >= p.size()) {
          *bad = true;
          return false;
        }
        if (p[j] == ']' && !first) break;
        first = false;
        char lo = p[j];
        if (lo == '\\' && j + 1 < p.size()) lo = p[++j];
        char hi = lo;
        if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
          hi = p[j + 2];
          if (hi == '\\' && j + 3 < p.size()) hi = p[++j + 2];
          j += 2;
        }
        if (s[si] >= lo && s[si] <= hi) hit = true;
        ++j;
      }
      if (hit == negate || s[si] == '/') return false;
      pi = j + 1;
      ++si;
      continue;
    }
    if (c == '\\') {
      if (pi + 1 >= p.size()) {
        *bad = true;
        return false;
      }
      c = p[++pi];
    }
    if (s[si] != c) return false;
    ++pi;
    ++si;
  }
  return si == s.size();
}

}  // namespace

bool PathMatch(std::string_view pattern, std::string_view name) {
  bool bad = false;
  bool m = MatchChunk(pattern, name, &bad);
  return m && !bad;
}

}  // namespace helm::cli
