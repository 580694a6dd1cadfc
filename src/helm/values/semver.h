// Masterminds semver v3 (the version Helm v4.2.4 vendors): loose version parsing and constraint checks,
// as Helm's chartutil.IsCompatibleRange uses them (dependency version matching, kubeVersion checks).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace helm::values {

struct SemVersion {
  uint64_t major = 0, minor = 0, patch = 0;
  std::string pre, metadata;

  // Version.Compare: -1, 0 or 1 (metadata ignored; prerelease ordering per the semver spec).
  int Compare(const SemVersion& o) const;
};

// semver.NewVersion (coercing: "v1", "1.2" are accepted); nullopt when invalid.
std::optional<SemVersion> ParseSemVersion(std::string_view v);

// Helm's IsCompatibleRange: true iff `version` parses and satisfies `constraint` (which must parse:
// ranges "1.2 - 1.4", "||", "," or space-separated ANDs, = != > < >= <= ~ ~> ^, x/X/* wildcards).
// A prerelease version satisfies a constraint group only when that group mentions a prerelease.
bool IsCompatibleRange(std::string_view constraint, std::string_view version);

}  // namespace helm::values
