#include "helm/release/manifest.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_map>

#include "helm/base/strings.h"
#include "helm/value/value.h"

namespace helm::release {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view TrimLeft(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsSpace(s[i])) ++i;
  return s.substr(i);
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return IsSpace(c); });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  s = TrimLeft(s);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<HookEvent> EventByName(const std::string& name) {
  static const std::unordered_map<std::string, HookEvent> kEvents = {
      {"pre-install", HookEvent::kPreInstall},   {"post-install", HookEvent::kPostInstall},
      {"pre-delete", HookEvent::kPreDelete},     {"post-delete", HookEvent::kPostDelete},
      {"pre-upgrade", HookEvent::kPreUpgrade},   {"post-upgrade", HookEvent::kPostUpgrade},
      {"pre-rollback", HookEvent::kPreRollback}, {"post-rollback", HookEvent::kPostRollback},
      {"test", HookEvent::kTest},                {"test-success", HookEvent::kTest},
  };
  auto it = kEvents.find(name);
  if (it == kEvents.end()) return std::nullopt;
  return it->second;
}

// Go's strconv.Atoi: optional sign, decimal digits only.
int AtoiOrZero(std::string_view s) {
  if (s.empty()) return 0;
  size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
  if (i == s.size()) return 0;
  for (size_t j = i; j < s.size(); ++j) {
    if (s[j] < '0' || s[j] > '9') return 0;
  }
  int64_t v = 0;
  auto r = std::from_chars(s.data() + i, s.data() + s.size(), v);
  if (r.ec != std::errc() || v > INT64_C(9223372036854775807)) return 0;
  return static_cast<int>(s[0] == '-' ? -v : v);
}

int KindIndex(const std::unordered_map<std::string, int>& order, const std::string& kind) {
  auto it = order.find(kind);
  return it == order.end() ? -1 : it->second;
}

// Helm's lessByKind: known kinds in `ordering` order, unknown kinds after them, alphabetically.
template <typename T, typename KindOf>
void SortByKind(std::vector<T>* items, const std::vector<std::string>& ordering, KindOf kind_of) {
  std::unordered_map<std::string, int> order;
  for (size_t i = 0; i < ordering.size(); ++i) order.emplace(ordering[i], static_cast<int>(i));
  std::stable_sort(items->begin(), items->end(), [&](const T& a, const T& b) {
    const std::string& ka = kind_of(a);
    const std::string& kb = kind_of(b);
    int ia = KindIndex(order, ka);
    int ib = KindIndex(order, kb);
    if (ia < 0 && ib < 0) return ka < kb;
    if (ia < 0) return false;
    if (ib < 0) return true;
    return ia < ib;
  });
}

}  // namespace

std::vector<std::string> SplitManifests(std::string_view big_file) {
  // Helm splits on the regexp (?m)^---[ \t]* : "---" at the start of any line, with the blanks after it.
  std::vector<std::string> docs;
  std::string_view s = TrimLeft(big_file);
  size_t doc_start = 0;
  auto emit = [&](size_t end) {
    std::string_view d = s.substr(doc_start, end - doc_start);
    if (!IsBlank(d)) docs.emplace_back(TrimLeft(d));
  };
  size_t line = 0;
  while (true) {
    if (s.compare(line, 3, "---") == 0) {
      emit(line);
      size_t j = line + 3;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      doc_start = j;
    }
    size_t nl = s.find('\n', line);
    if (nl == std::string_view::npos) break;
    line = nl + 1;
  }
  emit(s.size());
  return docs;
}

const std::vector<std::string>& InstallOrder() {
  static const std::vector<std::string> kOrder = {
      "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
      "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
      "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
      "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding",
      "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
      "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
      "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
  };
  return kOrder;
}

const std::vector<std::string>& UninstallOrder() {
  static const std::vector<std::string> kOrder = [] {
    std::vector<std::string> v = InstallOrder();
    std::reverse(v.begin(), v.end());
    return v;
  }();
  return kOrder;
}

Result<SortedManifests> SortManifests(const std::map<std::string, std::string>& files,
                                      const std::vector<std::string>& ordering) {
  SortedManifests out;
  for (const auto& [path, content] : files) {  // std::map iterates in byte order, like sort.Strings
    size_t slash = path.rfind('/');
    std::string_view base = slash == std::string::npos ? std::string_view(path)
                                                       : std::string_view(path).substr(slash + 1);
    if (!base.empty() && base[0] == '_') continue;
    if (IsBlank(content)) continue;
    for (std::string& doc : SplitManifests(content)) {
      auto head = yaml::ParseManifestHead(doc);
      if (!head.ok()) return head.status().Wrap("YAML parse error on " + path);
      auto hook_it = head->annotations.find(kHookAnnotation);
      if (hook_it == head->annotations.end()) {
        out.manifests.push_back(Manifest{path, std::move(doc), std::move(*head)});
        continue;
      }
      Hook h;
      h.name = head->name;
      h.kind = head->kind;
      h.path = path;
      h.weight = AtoiOrZero(head->annotations.count(kHookWeightAnnotation)
                                ? std::string_view(head->annotations[kHookWeightAnnotation])
                                : std::string_view());
      bool unknown = false;
      for (const std::string& t : Split(hook_it->second, ",")) {
        auto e = EventByName(Lower(Trim(t)));
        if (!e) {
          unknown = true;
          break;
        }
        h.events.push_back(*e);
      }
      if (unknown) {
        out.unknown_hooks.push_back(hook_it->second);
        continue;
      }
      auto policies = [&](const char* annotation, std::vector<std::string>* dst) {
        auto it = head->annotations.find(annotation);
        if (it == head->annotations.end()) return;
        for (const std::string& p : Split(it->second, ",")) dst->push_back(Lower(Trim(p)));
      };
      policies(kHookDeleteAnnotation, &h.delete_policies);
      policies(kHookOutputLogAnnotation, &h.output_log_policies);
      h.manifest = std::move(doc);
      out.hooks.push_back(std::move(h));
    }
  }
  SortByKind(&out.hooks, ordering, [](const Hook& h) -> const std::string& { return h.kind; });
  SortByKind(&out.manifests, ordering, [](const Manifest& m) -> const std::string& { return m.head.kind; });
  return out;
}

}  // namespace helm::release
