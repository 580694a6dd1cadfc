// .Files: the chart's non-template files as Helm's engine exposes them to templates (pkg/engine/files.go).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "helm/chart/chart.h"
#include "helm/value/value.h"

namespace helm::engine {

// Returns an `engine.files` object over `files` (name -> bytes). Methods, as in Helm v4.2.4:
//   Get NAME -> string ("" when absent), GetBytes NAME -> []byte, Glob PATTERN -> files (gobwas/glob with
//   '/' as separator; an invalid pattern matches everything), AsConfig / AsSecrets -> YAML of base name ->
//   content (base64 for secrets), Lines NAME -> []string (a trailing newline dropped).
// The object shares the chart's file data; the chart must outlive it.
Value NewFiles(const std::vector<chart::File>& files);

// gobwas/glob matching with '/' as the separator: `*` and `?` stop at '/', `**` crosses it, `[...]`,
// `[!...]`, `{a,b}` and `\` escapes. Sets *valid=false (and returns false) when the pattern does not compile.
bool GlobMatch(std::string_view pattern, std::string_view name, bool* valid);

}  // namespace helm::engine
