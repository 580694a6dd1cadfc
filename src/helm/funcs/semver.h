// Sprig's view of Masterminds/semver v3: the version object templates see. Parsing and constraints live in
// helm/base/semver.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"
#include "helm/base/semver.h"
#include "helm/value/value.h"

namespace helm::funcs {

// A *semver.Version template value with the library's methods (Major, Minor, Patch, Prerelease,
// Metadata, Original, String, IncMajor, IncMinor, IncPatch, Compare, LessThan, GreaterThan, Equal,
// LessThanEqual, GreaterThanEqual, SetPrerelease, SetMetadata).
Value MakeSemVersionValue(SemVersion v);

}  // namespace helm::funcs
