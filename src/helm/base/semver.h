// Masterminds/semver v3 (as pinned by Helm v4.2.4): version parsing with coercion ("v1.2", "1"), ordering,
// and range constraints ("^1.2", ">= 1.0, < 2", "1.x || 2.1 - 2.3") with the library's rules and error texts.
// Used by Sprig's semver functions, kubeVersion checks, dependency resolution and repository search.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"

namespace helm {

struct SemVersion {
  uint64_t major = 0, minor = 0, patch = 0;
  std::string pre, metadata, original;

  std::string String() const;  // "1.2.3-pre+meta"
  // -1, 0, 1; metadata is ignored, prereleases sort before releases.
  int Compare(const SemVersion& o) const;
};

// semver.NewVersion. Errors carry Go's texts ("invalid semantic version", "invalid prerelease string", ...),
// code kInvalidArgument.
Result<SemVersion> ParseSemVersion(std::string_view v);

// Checks a prerelease ("rc.1") or build-metadata string as Version.SetPrerelease/SetMetadata do; errors
// carry the library's texts.
Status ValidateSemverPrerelease(std::string_view pre);
Status ValidateSemverMetadata(std::string_view metadata);

class SemConstraints {
 public:
  // semver.NewConstraint. Errors: `improper constraint: "x"`.
  static Result<SemConstraints> Parse(std::string_view c);
  bool Check(const SemVersion& v) const;

  struct Item {
    std::string op, orig;
    SemVersion con;
    bool dirty = false, minor_dirty = false, patch_dirty = false;
  };

 private:
  std::vector<std::vector<Item>> ors_;
  std::vector<bool> contains_pre_;
};

// chartutil.IsCompatibleRange: true iff `version` and `constraint` both parse and the version satisfies the
// constraint (dependency version matching, kubeVersion checks).
bool IsCompatibleRange(std::string_view constraint, std::string_view version);

}  // namespace helm
