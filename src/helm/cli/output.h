// Helm's output printers (pkg/cli/output): the -o/--output flag and gosuri/uitable's table layout.
#pragma once

#include <string>
#include <vector>

#include "helm/cli/flags.h"

namespace helm::cli {

// Adds `-o, --output format` (table, json, yaml) with Helm's help text and "invalid format type" check.
void AddOutputFlag(FlagSet& f);

// uitable: every column padded to its widest cell (capped at max_col_width display columns; longer
// cells are cut to max_col_width-3 columns plus "..."), cells joined by "\t", rows by "\n", with the
// final newline output.EncodeTable adds. max_col_width 0 means no cap.
std::string FormatTable(const std::vector<std::vector<std::string>>& rows, size_t max_col_width);

}  // namespace helm::cli
