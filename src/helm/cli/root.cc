#include "helm/cli/root.h"

namespace helm::cli {

std::unique_ptr<Command> NewRootCommand() {
  auto root = std::make_unique<Command>();
  root->use = "helm";
  root->short_desc = "The Helm package manager for Kubernetes.";
  FlagSet& f = root->persistent_flags;
  f.Add("burst-limit", FlagType::kInt, 0, "100");
  f.Add("color", FlagType::kString, 0, "auto");
  f.Add("colour", FlagType::kString, 0, "auto");
  f.Add("content-cache", FlagType::kString);
  f.Add("debug", FlagType::kBool);
  f.Add("kube-apiserver", FlagType::kString);
  f.Add("kube-as-group", FlagType::kStringArray);
  f.Add("kube-as-user", FlagType::kString);
  f.Add("kube-ca-file", FlagType::kString);
  f.Add("kube-context", FlagType::kString);
  f.Add("kube-insecure-skip-tls-verify", FlagType::kBool);
  f.Add("kube-tls-server-name", FlagType::kString);
  f.Add("kube-token", FlagType::kString);
  f.Add("kubeconfig", FlagType::kString);
  f.Add("namespace", FlagType::kString, 'n');
  f.Add("qps", FlagType::kFloat32);
  f.Add("registry-config", FlagType::kString);
  f.Add("repository-cache", FlagType::kString);
  f.Add("repository-config", FlagType::kString);
  root->AddCommand(NewTemplateCommand());
  root->AddCommand(NewVersionCommand());
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
