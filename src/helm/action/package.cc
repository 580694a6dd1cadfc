#include "helm/action/package.h"

#include <unistd.h>

#include <cstdlib>
#include <vector>

#include "helm/action/show.h"
#include "helm/base/fs.h"
#include "helm/base/semver.h"
#include "helm/chart/loader.h"
#include "helm/chart/save.h"

namespace helm::action {
namespace {

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsIdentChars(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
  }
  return true;
}

bool IsNumber(std::string_view s) { return IsDigits(s) && (s.size() == 1 || s[0] != '0'); }

// Dot-separated identifiers; numeric prerelease identifiers may not have leading zeros.
bool ValidIdentifiers(std::string_view s, bool prerelease) {
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string_view id = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!IsIdentChars(id)) return false;
    if (prerelease && IsDigits(id) && !IsNumber(id)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

}  // namespace

bool IsStrictSemver(std::string_view v) {
  std::string_view meta, pre;
  if (size_t plus = v.find('+'); plus != std::string_view::npos) {
    meta = v.substr(plus + 1);
    v = v.substr(0, plus);
    if (!ValidIdentifiers(meta, false)) return false;
  }
  if (size_t dash = v.find('-'); dash != std::string_view::npos) {
    pre = v.substr(dash + 1);
    v = v.substr(0, dash);
    if (!ValidIdentifiers(pre, true)) return false;
  }
  int parts = 0;
  size_t start = 0;
  while (true) {
    size_t dot = v.find('.', start);
    std::string_view p = v.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!IsNumber(p)) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 3;
}

Result<std::string> PackageChart(const std::string& path, const PackageOptions& opts) {
  if (!IsDirectory(path)) {
    // The top-level loader.LoadDir opens <path>/Chart.yaml first.
    const std::string cf = path + "/Chart.yaml";
    return Error(Code::kNotFound, "unable to detect chart at " + cf + ": open " + cf + ": not a directory");
  }
  HELM_ASSIGN_OR_RETURN(chart::Chart ch, chart::Load(path));
  if (!opts.version.empty()) ch.metadata.version = opts.version;
  if (!ParseSemVersion(ch.metadata.version).ok()) return Error(Code::kInvalidArgument, "invalid semantic version");
  if (!opts.app_version.empty()) ch.metadata.app_version = opts.app_version;

  std::vector<std::string> missing;
  for (const chart::Dependency& r : ch.metadata.dependencies) {
    bool found = false;
    for (const chart::Chart& d : ch.dependencies) found = found || d.Name() == r.name;
    if (!found) missing.push_back(r.name);
  }
  if (!missing.empty()) {
    std::string list;
    for (size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
    return Error(Code::kNotFound, "found in Chart.yaml, but missing in charts/ directory: " + list);
  }

  std::string dest = opts.destination;
  if (dest == ".") {
    char* cwd = ::getcwd(nullptr, 0);
    if (cwd == nullptr) return Error(Code::kIo, "getwd failed");
    dest = cwd;
    std::free(cwd);
  }
  std::string out;
  if (Status st = chart::SaveArchive(ch, dest, &out); !st.ok()) return st.Wrap("failed to save");
  return out;
}

}  // namespace helm::action
