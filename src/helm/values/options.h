// Values given on the command line (Helm's pkg/cli/values/options.go).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "helm/base/result.h"
#include "helm/value/value.h"

namespace helm::values {

struct ValueOptions {
  std::vector<std::string> value_files = {};     // -f/--values
  std::vector<std::string> string_values = {};   // --set-string
  std::vector<std::string> values = {};          // --set
  std::vector<std::string> file_values = {};     // --set-file
  std::vector<std::string> json_values = {};     // --set-json
  std::vector<std::string> literal_values = {};  // --set-literal
};

// Reads a -f or --set-file source. The CLI supplies one that handles "-" (stdin) and URLs with a
// registered getter scheme and falls back to the local file system with Go's texts ("open x: no such
// file or directory"); see ReadLocalFile.
using ReadFileFn = std::function<Result<std::string>(const std::string& path)>;

// Reads "-" (after trimming blanks) from stdin, anything else with helm::ReadFile: Helm's readFile
// without URL getters, for callers and tests that have none.
Result<std::string> ReadLocalFile(const std::string& path);

// Helm's loader.LoadValues: a YAML stream whose documents (split at lines that are "---" plus blanks or
// a comment) are each read as a map and merged with MergeMaps. Errors (kParse): "cannot unmarshal yaml
// document: error converting YAML to JSON: yaml: line 1: ...", "error reading yaml document: invalid
// Yaml document separator: foo".
Result<Value> LoadValues(std::string_view data);

// Helm's loader.MergeMaps: a new map with b's keys over a's, merging nested maps recursively (b wins).
// Nested maps that are not merged are shared with the inputs, as in Go.
Value MergeMaps(const Value& a, const Value& b);

// Options.MergeValues, in Helm's order: every -f file (LoadValues, merged with MergeMaps), then
// --set-json (a whole JSON object merged with MergeMaps, or key=json pairs), --set, --set-string,
// --set-file, --set-literal. Errors, in Helm's words:
//   open x: no such file or directory                           (the reader's error, unchanged)
//   failed to parse x: cannot unmarshal yaml document: ...
//   failed parsing --set-json data JSON: <value>    /   failed parsing --set-json data <value>
//   failed parsing --set data: <strvals error>      (likewise --set-string, --set-file, --set-literal)
// The result is a fresh map (MapType::kInterface).
Result<Value> MergeValues(const ValueOptions& opts, const ReadFileFn& read_file = ReadLocalFile);

}  // namespace helm::values
