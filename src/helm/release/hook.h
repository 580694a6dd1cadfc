// Hooks: manifests annotated with helm.sh/hook, run at lifecycle events instead of being part of a release.
#pragma once

#include <string>
#include <vector>

namespace helm::release {

inline constexpr char kHookAnnotation[] = "helm.sh/hook";
inline constexpr char kHookWeightAnnotation[] = "helm.sh/hook-weight";
inline constexpr char kHookDeleteAnnotation[] = "helm.sh/hook-delete-policy";
inline constexpr char kHookOutputLogAnnotation[] = "helm.sh/hook-output-log-policy";

// Event names as Helm spells them ("pre-install", "test", ...).
enum class HookEvent {
  kPreInstall,
  kPostInstall,
  kPreDelete,
  kPostDelete,
  kPreUpgrade,
  kPostUpgrade,
  kPreRollback,
  kPostRollback,
  kTest,
};

// Returns Helm's name of the event, e.g. "pre-install".
const char* HookEventName(HookEvent e);

struct Hook {
  std::string name;      // metadata.name
  std::string kind;      // kind
  std::string path;      // template that produced it, e.g. "chart/templates/job.yaml"
  std::string manifest;  // the document text
  std::vector<HookEvent> events;
  int weight = 0;
  std::vector<std::string> delete_policies;      // lower-cased, trimmed
  std::vector<std::string> output_log_policies;  // lower-cased, trimmed

  bool IsTest() const;
};

}  // namespace helm::release
