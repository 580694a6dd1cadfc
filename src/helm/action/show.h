// action::Show (Helm v4.2.4 pkg/action/show.go) and the local half of ChartPathOptions.LocateChart, for
// `helm show all|chart|values|readme|crds`.
#pragma once

#include <string>

#include "helm/base/result.h"
#include "helm/base/strings.h"

namespace helm::action {

enum class ShowFormat { kAll, kChart, kValues, kReadme, kCrds };

struct ShowOptions {
  ShowFormat format = ShowFormat::kAll;
  // --jsonpath for `show values`: a Kubernetes JSONPath template; only field paths ("{.a.b}", several
  // per template, with literal text between) are supported. Empty: print values.yaml verbatim.
  std::string jsonpath;
};

// Go's filepath.Abs (cleaning is helm::CleanPath in helm/base/strings.h).
std::string AbsPath(const std::string& path);

// Go's text for an errno value (strerror with Go's lower-case first letter), e.g. "no such file or directory".
std::string GoErrnoText(int err);

// LocateChart for a reference that names no remote chart: an existing path becomes absolute. Otherwise the
// errors Helm gives without network access: "path \"X\" not found" (absolute or "."-prefixed names),
// "non-absolute URLs should be in form of repo_name/path_to_chart, got: X", "repo X not found" (no
// repository of that name in `repository_config`), and kUnavailable for URLs (http(s)://, oci://) and charts
// of configured repositories, which need a download.
//
// `verify` (--verify): directories fail with "unpacked charts cannot be verified"; archives without
// <archive>.prov fail with "could not load provenance file <abs>.prov: stat <abs>.prov: no such file or
// directory", a missing `keyring` with "failed to load keyring: open <keyring>: ..."; otherwise kUnsupported,
// as PGP verification is not implemented here. Files not named *.tgz fail with "chart must be a tgz file".
Result<std::string> LocateLocalChart(const std::string& name, const std::string& repository_config,
                                     bool verify = false, const std::string& keyring = "");

// Loads the chart at `chart_path` and returns what `helm show` prints: the metadata as YAML, values.yaml
// verbatim, the first README (readme.md, readme.txt or readme, any case) and the CRD files of the chart
// tree, joined by "---" lines as Helm does for `show all`.
Result<std::string> ShowChart(const std::string& chart_path, const ShowOptions& opts);

}  // namespace helm::action
