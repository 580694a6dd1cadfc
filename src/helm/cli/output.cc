#include "helm/cli/output.h"

#include <algorithm>

#include "helm/base/strings.h"

namespace helm::cli {
namespace {

// Display width in runes (charts' text is overwhelmingly narrow; wide East Asian runes count as one).
size_t Width(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    int w = 1;
    DecodeRune(s, i, &w);
    i += w > 0 ? w : 1;
    ++n;
  }
  return n;
}

// runewidth.Truncate(s, n, "..."): the longest prefix fitting n-3 columns, then "...".
std::string Truncate(std::string_view s, size_t n) {
  size_t keep = n > 3 ? n - 3 : 0;
  size_t i = 0, cols = 0;
  while (i < s.size() && cols < keep) {
    int w = 1;
    DecodeRune(s, i, &w);
    i += w > 0 ? w : 1;
    ++cols;
  }
  return std::string(s.substr(0, i)) + "...";
}

}  // namespace

void AddOutputFlag(FlagSet& f) {
  FlagSpec s = Spec("output", 'o', FlagType::kString,
                    "prints the output in the specified format. Allowed values: table, json, yaml");
  s.value_type = "format";
  s.default_value = "table";
  s.help_default = "table";
  s.validate = [](std::string_view v) -> Status {
    if (v == "table" || v == "json" || v == "yaml") return OkStatus();
    return Error(Code::kInvalidArgument, "invalid format type");
  };
  f.Add(std::move(s));
}

std::string FormatTable(const std::vector<std::vector<std::string>>& rows, size_t max_col_width) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t c = 0; c < row.size(); ++c) {
      size_t w = Width(row[c]);
      if (max_col_width > 0) w = std::min(w, max_col_width);
      widths[c] = std::max(widths[c], w);
    }
  }
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r > 0) out += '\n';
    for (size_t c = 0; c < rows[r].size(); ++c) {
      if (c > 0) out += '\t';
      const std::string& cell = rows[r][c];
      size_t w = Width(cell);
      if (w > widths[c]) {
        out += Truncate(cell, widths[c]);
      } else {
        out += cell;
        out.append(widths[c] - w, ' ');
      }
    }
  }
  out += '\n';
  return out;
}

}  // namespace helm::cli
