// Coalescing user values with chart defaults (Helm's pkg/chart/common/util/coalesce.go).
//
// Rules (CoalesceValues, what install/upgrade/template use):
//   - user values override chart defaults; maps merge recursively, scalars and lists are replaced;
//   - each subchart's defaults are coalesced under the key of its name (aliases are already applied by
//     ProcessDependencies, which renames the subchart copies);
//   - `global:` flows parent -> child: the child's globals are the parent's globals coalesced over the
//     child's own (parent wins), recursively;
//   - a user `null` deletes the key (chart default included); chart-default nulls are dropped;
//   - type conflicts keep the user value and log a warning in Helm's words, e.g.
//       level=INFO msg="warning: skipped value for parent.a: Not a table."
//       level=INFO msg="warning: cannot overwrite table with non table for parent.m (map[x:1])"
//     (Go's log.Printf through Helm's slog text handler).
// MergeChartValues is Helm's util.MergeValues: the same walk, keeping nulls (used by dependency
// processing for import-values).
//
// Inputs are never modified: user values and chart defaults are deep-copied, so the result shares no
// map with them. The result's root map is typed MapType::kValues (Go's common.Values).
#pragma once

#include "helm/base/result.h"
#include "helm/chart/chart.h"
#include "helm/value/value.h"
#include "helm/values/log.h"

namespace helm::values {

// Errors: kInvalidArgument "type mismatch on NAME: %!t(TYPE=VALUE)" when the value under a subchart's
// name is not a map (Helm's wording, Go's bad-verb formatting included).
Result<Value> CoalesceValues(const chart::Chart& chart, const Value& user_values, const LogFn& log = StderrLog());
Result<Value> MergeChartValues(const chart::Chart& chart, const Value& user_values,
                               const LogFn& log = StderrLog());

// CoalesceValues for read-only use: the result equals CoalesceValues', but only the top-level entries
// the coalescing writes into (the chart's own value keys, its dependencies' names and "global") are deep
// copies; the others are shared with user_values. Neither the result nor user_values may be mutated
// afterwards while the other is in use. Dependency processing coalesces once per chart level with the
// whole parent tree as user values, so full copies there would cost O(charts x values).
Result<Value> CoalesceValuesShared(const chart::Chart& chart, const Value& user_values,
                                   const LogFn& log = StderrLog());

// Helm's CoalesceTables / MergeTables: merges src into dst (dst wins) in place and returns dst. dst and
// src are maps or null (a null dst returns src). src may be modified too (Helm marks dst's null keys in
// it); pass copies when that matters.
Value CoalesceTables(Value dst, const Value& src, const LogFn& log = StderrLog());
Value MergeTables(Value dst, const Value& src, const LogFn& log = StderrLog());

}  // namespace helm::values
