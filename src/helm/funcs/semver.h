// Masterminds/semver v3 (as pinned by Helm v4.2.4): version parsing with coercion, ordering, and range
// constraints with the library's exact rules and error texts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"
#include "helm/value/value.h"

namespace helm::funcs {

struct SemVersion {
  uint64_t major = 0, minor = 0, patch = 0;
  std::string pre, metadata, original;

  std::string String() const;  // "1.2.3-pre+meta"
  // -1, 0, 1; metadata is ignored, prereleases sort before releases.
  int Compare(const SemVersion& o) const;
};

// semver.NewVersion: "v1.2", "1" and "1.2.3-rc.1+b" parse; errors carry Go's texts
// ("invalid semantic version", "invalid prerelease string", ...). Code kInvalidArgument.
Result<SemVersion> ParseSemVersion(std::string_view v);

class SemConstraints {
 public:
  // semver.NewConstraint: "^1.2", ">= 1.0, < 2", "1.x || 2.1 - 2.3". Errors: `improper constraint: "x"`.
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

// A *semver.Version template value with the library's methods (Major, Minor, Patch, Prerelease,
// Metadata, Original, String, IncMajor, IncMinor, IncPatch, Compare, LessThan, GreaterThan, Equal,
// LessThanEqual, GreaterThanEqual, SetPrerelease, SetMetadata).
Value MakeSemVersionValue(SemVersion v);

}  // namespace helm::funcs
