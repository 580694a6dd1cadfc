// action::Package (Helm v4.2.4 pkg/action/package.go): `helm package` without signing.
#pragma once

#include <string>

#include "helm/base/result.h"

namespace helm::action {

struct PackageOptions {
  std::string version;        // --version: replaces the chart's version
  std::string app_version;    // --app-version: replaces the chart's appVersion
  std::string destination = ".";  // -d/--destination; "." means the working directory (absolute paths)
};

// Masterminds semver.StrictNewVersion's check: MAJOR.MINOR.PATCH without a "v" prefix or leading zeros, an
// optional prerelease and build metadata.
bool IsStrictSemver(std::string_view v);

// Packages the chart directory at `path` (an absolute path, as the command passes it) into
// <destination>/<name>-<version>.tgz and returns that path. Errors: the loader's ("unable to detect chart at
// <path>/Chart.yaml: open ...: not a directory", "cannot load Chart.yaml: ..."), "invalid semantic version" (the version does not parse as semver.NewVersion),
// "found in Chart.yaml, but missing in charts/ directory: a, b", "failed to save: ...". A failure never
// leaves a partial archive behind (the archive is written atomically).
Result<std::string> PackageChart(const std::string& path, const PackageOptions& opts);

}  // namespace helm::action
