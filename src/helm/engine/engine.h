// The rendering engine (Helm v4.2.4 pkg/engine): renders every template of a chart tree with its scope.
//
// Contract:
//  - All templates of the chart and its subcharts (library charts contribute only their `_*` partials) are
//    parsed into one template set in Helm's order (deepest paths first, then reverse byte order), so a
//    parent's {{define}} wins over a subchart's. Partials are parsed but not rendered.
//  - Each template executes with a dot of {Values (scoped to its chart), Chart, Files, Release,
//    Capabilities, Subcharts, Template{Name, BasePath}}. `.Values` of a subchart is the parent's
//    `.Values.<name>` table (coalesced values already hold the globals).
//  - Engine functions: include (Helm's recursion limit), tpl, required, fail, lookup (empty map: no
//    cluster), getHostByName ("" unless enable_dns).
//  - Output: rendered text by template name ("chart/templates/x.yaml", "chart/charts/sub/templates/y.yaml"),
//    "<no value>" removed.
//  - Errors, in Helm's words: kParse "parse error at (FILE:LINE): MSG"; kExecution
//    "execution error at (FILE:LINE:COL): MSG" for required/fail, or Helm 4's multi-line trace
//    "FILE:LINE:COL\n  executing \"NAME\" at <NODE>:\n    MSG" for other template errors.
//  - Not thread-safe per call; separate calls are independent.
#pragma once

#include <map>
#include <string>

#include "helm/base/result.h"
#include "helm/chart/chart.h"
#include "helm/value/value.h"
#include "helm/values/log.h"

namespace helm::engine {

struct EngineOptions {
  bool strict = false;      // missingkey=error (lint --strict)
  // required and fail do not fail; they log instead (level=WARN msg="missing required value" message=...,
  // level=INFO msg="funcMap fail" message=...).
  bool lint_mode = false;
  bool enable_dns = false;  // getHostByName does real look-ups (otherwise returns "")
  values::LogFn log = values::StderrLog();
};

// `render_values` is the map made by values::ToRenderValues: {Values, Release, Capabilities, Chart}.
Result<std::map<std::string, std::string>> Render(const chart::Chart& chart, const Value& render_values,
                                                  const EngineOptions& options = {});

// Reformats a template execution error of `filename` as Helm 4 does (see the contract above); exposed for
// tests.
std::string ReformatExecError(const std::string& filename, const std::string& message);
// Reformats a template parse error: "parse error at (LOCATION): LAST_PART".
std::string ReformatParseError(const std::string& filename, const std::string& message);

}  // namespace helm::engine
