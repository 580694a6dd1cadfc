// Dependency processing before rendering (Helm's pkg/chart/v2/util/dependencies.go ProcessDependencies,
// which merges import-values with MergeValues semantics).
#pragma once

#include "helm/base/result.h"
#include "helm/chart/chart.h"
#include "helm/value/value.h"
#include "helm/values/log.h"

namespace helm::values {

// Rewrites the chart tree in place, as Helm does before rendering:
//   1. Subcharts in charts/ are matched with Chart.yaml `dependencies` by name and version constraint.
//      Each entry gets its own copy of the first matching subchart, renamed to the entry's alias when it
//      has one (the entry's name becomes the alias too); subcharts no entry matches are kept as they are.
//   2. Every entry starts enabled; `tags` (a map of booleans in the coalesced values: any true tag
//      enables, only-false tags disable) and then `condition` (a comma list of value paths; the first
//      that resolves to a bool wins) decide; disabled subcharts are removed with their entries.
//      Non-bool tags/conditions log `level=WARN msg="returned non-bool value" tag|path=... chart=...`.
//      Nested subcharts are processed the same way, conditions resolved under "<name>." paths.
//   3. import-values (strings "x" meaning child "exports.x" to parent ".", or {child, parent} maps) are
//      merged bottom-up into each parent's values; a parent with dependencies ends up with its merged
//      tree (its own defaults over imports, subchart defaults under their names) in `values`, and each
//      entry's import_values is rewritten to {child, parent} string maps. Missing tables log warnings.
// `values` are the user's values (not modified). Errors are CoalesceValues' (type mismatch).
Status ProcessDependencies(chart::Chart* c, const Value& values, const LogFn& log = StderrLog());

// Values.Table: the map at a dotted path of maps. Errors: kNotFound "\"KEY\" is not a table" naming the
// first segment that is absent or not a map. The returned map is shared with `v` (Go map semantics).
Result<Value> Table(const Value& v, std::string_view path);

// Values.PathValue: the non-map value at a dotted path. Errors: kNotFound "\"KEY\" is not a value" (KEY
// being the last segment), or "YAML path cannot be empty".
Result<Value> PathValue(const Value& v, std::string_view path);

}  // namespace helm::values
