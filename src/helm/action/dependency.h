// action::Dependency.List (Helm v4.2.4 pkg/action/dependency.go): `helm dependency list`.
#pragma once

#include <string>
#include <vector>

#include "helm/base/result.h"

namespace helm::action {

// Returns what `helm dependency list CHART` prints for the chart at `chart_path` (already filepath.Clean'ed):
// a table NAME/VERSION/REPOSITORY/STATUS (status ok, missing, wrong version, unpacked, misnamed, corrupt,
// invalid version, too many matches), then warnings about charts/ entries that are not charts or not in
// Chart.yaml; or "WARNING: no dependencies at <path>/charts". Errors: "stat <path>: no such file or
// directory" and the loader's.
Result<std::string> ListDependencies(const std::string& chart_path, size_t max_col_width = 80);

// gosuri/uitable with MaxColWidth: cells padded to their column's width (wider cells truncated with
// "..."), joined by tabs, rows by newlines (no final newline).
std::string FormatTable(const std::vector<std::vector<std::string>>& rows, size_t max_col_width = 80);

}  // namespace helm::action
