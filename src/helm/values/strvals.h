// The `--set` family grammar of Helm's pkg/strvals.
//
//   name1=value1,name2=value2     a.b=c (nested maps)     a[0]=x, a[0].b=y, a[0][1]=z (lists)
//   a={x,y}  (a list)             \, \. \= \[ (escapes; a backslash escapes any rune)
//
// Each Parse* function merges what it parses into `base`, which must be a map Value (Go map semantics:
// nested maps already in base are updated in place, as Helm's ParseInto does). On error, base may
// hold what was parsed before the error, exactly as in Helm. Error texts are Helm's, e.g.
//   key "a" has no value
//   key "a" has no value (cannot end with ,)
//   key map "a" has no value
//   unexpected data at end of array index: ['x']
//   error parsing index: strconv.Atoi: parsing "x": invalid syntax
//   negative -1 index not allowed
//   index of 65537 is greater than maximum supported index of 65536
//   value name nested level is greater than maximum supported nested level of 30
//   list must terminate with '}'
//   unable to parse key: interface conversion: interface {} is int64, not []interface {}
// All errors carry Code::kInvalidArgument (reader errors keep their own code).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "helm/base/result.h"
#include "helm/value/value.h"

namespace helm::values {

// Limits of Helm's strvals (MaxIndex, MaxNestedNameLevel).
inline constexpr int kMaxIndex = 65536;
inline constexpr int kMaxNestedNameLevel = 30;

// --set: values are typed: "true"/"false" (any case) are bools, "null" (any case) is null, decimal
// integers not starting with '0' (and "0" itself) are int64, anything else is a string.
Status ParseSet(std::string_view s, Value* base);

// --set-string: like ParseSet but every value is a string.
Status ParseSetString(std::string_view s, Value* base);

// --set-file: each value is a path handed to `read`, whose result (normally the file's content as a
// string) becomes the value. List syntax {p1,p2} reads each element. An empty value sets "".
using RunesValueReader = std::function<Result<Value>(const std::string& value)>;
Status ParseSetFile(std::string_view s, Value* base, const RunesValueReader& read);

// --set-json in key=value form: each value is one JSON document (numbers become float64, an empty
// value is null), followed by optional blanks and a comma. JSON errors use Go's encoding/json texts.
Status ParseSetJson(std::string_view s, Value* base);

// --set-literal: the key grammar of ParseSet without escapes or commas; everything after the first
// '=' is the literal string value.
Status ParseSetLiteral(std::string_view s, Value* base);

}  // namespace helm::values
