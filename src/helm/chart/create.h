// `helm create`: the chart scaffold (Helm's chartutil.Create).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "helm/base/result.h"
#include "helm/chart/chart.h"

namespace helm::chart {

// Writes Helm v4.2.4's scaffold (Chart.yaml, values.yaml, .helmignore, templates/ with deployment, service,
// serviceaccount, hpa, ingress, httproute, NOTES.txt, _helpers.tpl, tests/test-connection.yaml, and an
// empty charts/) into <dir>/<name>/, the name substituted, and returns that directory's absolute path.
// Existing files are overwritten after `warn` receives `WARNING: File "<path>" already exists.
// Overwriting.` (default: stderr). Errors: "chart name must be between 1 and 250 characters",
// "chart name must match the regular expression \"^[a-zA-Z0-9._-]+$\"", "stat <dir>: no such file or
// directory", "no such directory <dir>", "file <dir>/<name> already exists and is not a directory".
Result<std::string> Create(const std::string& name, const std::string& dir,
                           const std::function<void(std::string_view line)>& warn = nullptr);

// Helm's chartutil.CreateFrom (`helm create --starter`): loads the starter chart at `src` (Load), gives it
// `metadata`, replaces "<CHARTNAME>" with metadata.name in its templates and raw values.yaml, and writes
// it with SaveDir into `dest`. Errors: "could not load <src>: ...", SaveDir's.
Status CreateFrom(const Metadata& metadata, const std::string& dest, const std::string& src);

}  // namespace helm::chart
