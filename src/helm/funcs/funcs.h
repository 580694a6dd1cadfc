// The function library Helm v4.2.4 gives templates, minus the engine-bound functions (include, tpl,
// required, lookup), which the engine module adds on top.
//
// Contract:
//  - SprigFuncMap(): Sprig v3.3.0's TxtFuncMap without `env` and `expandenv` (Helm deletes them). Each
//    function is registered with the Go parameter types of its Sprig signature, so the template executor
//    converts constants and reports type errors as Go does. Results carry Go's static types (int64 from
//    integer math, float64 from the *f functions, []string from splitList/keys/..., time.Time objects
//    from now/toDate, *semver.Version objects from semver).
//  - HelmFuncMap(): Helm's own pure functions (pkg/engine/funcs.go@v4.2.4): toYaml, mustToYaml,
//    toYamlPretty, fromYaml, fromYamlArray, toJson, mustToJson, fromJson, fromJsonArray, toToml,
//    mustToToml, fromToml. They replace Sprig's functions of the same name.
//  - AllFuncMap(): Sprig overlaid with Helm's functions: what the engine starts from.
//  - Failing functions return Status{kExecution, <Go's error text>}; the template executor prefixes
//    "error calling NAME: ". Go panics inside Sprig surface the same way in Go, so they are errors here.
//  - Every function is thread-safe (random sources are per call or locked).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "helm/base/result.h"
#include "helm/template/template.h"
#include "helm/value/value.h"

namespace helm::funcs {

tmpl::FuncMap SprigFuncMap();
tmpl::FuncMap HelmFuncMap();
tmpl::FuncMap AllFuncMap();

// Go's time.Time as a template value: an instant plus a location. Format() prints like Go's
// time.Time.String() ("2006-01-02 15:04:05.999999999 -0700 MST"). Methods: Format, Unix, UnixMilli,
// UnixNano, Year, Month, Day, Hour, Minute, Second, Nanosecond, YearDay, Weekday, UTC, Local, Add,
// AddDate, Sub, Before, After, Equal, IsZero, String, Round, Truncate, Zone.
// Returns a time.Time Value for `unix_seconds`/`nanos` in the named IANA zone ("Local", "UTC", ...).
Result<Value> MakeTime(int64_t unix_seconds, int32_t nanos, std::string_view zone);

// Go's time.Time.Format(layout) for a time.Time Value made by this module; "" for other values.
std::string FormatTime(const Value& time, std::string_view layout);

}  // namespace helm::funcs
