#include "helm/release/hook.h"

#include <algorithm>

namespace helm::release {

const char* HookEventName(HookEvent e) {
  switch (e) {
    case HookEvent::kPreInstall: return "pre-install";
    case HookEvent::kPostInstall: return "post-install";
    case HookEvent::kPreDelete: return "pre-delete";
    case HookEvent::kPostDelete: return "post-delete";
    case HookEvent::kPreUpgrade: return "pre-upgrade";
    case HookEvent::kPostUpgrade: return "post-upgrade";
    case HookEvent::kPreRollback: return "pre-rollback";
    case HookEvent::kPostRollback: return "post-rollback";
    case HookEvent::kTest: return "test";
  }
  return "";
}

bool Hook::IsTest() const {
  return std::find(events.begin(), events.end(), HookEvent::kTest) != events.end();
}

}  // namespace helm::release
