// Internal helpers shared by the YAML reader and writers: go-yaml v2's scalar resolver and Go formatting.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "helm/base/result.h"
#include "helm/value/value.h"

namespace helm::yaml::internal {

enum class ScalarKind : uint8_t { kNull, kBool, kInt, kUint, kFloat, kString, kTimestamp, kMerge };

// What go-yaml v2's resolve("", s) yields for an untagged plain scalar. kInt covers Go's int and int64
// (on 64-bit they print alike), kUint a uint64 above int64's range.
struct Resolved {
  ScalarKind kind = ScalarKind::kString;
  bool b = false;
  int64_t i = 0;
  uint64_t u = 0;
  double f = 0;
};
Resolved ResolvePlain(std::string_view s);

// go-yaml's isBase60Float: such strings are quoted on output although they resolve as strings.
bool IsBase60Float(std::string_view s);

// Go's strconv.FormatFloat(f, 'g', -1, 32), as sigs.k8s.io/yaml prints float map keys.
std::string FormatFloat32G(double f);

// encoding/json's float64 text (no NaN/Inf: callers reject those first).
void AppendJsonFloat(std::string* out, double f);

// unicode.IsLetter / unicode.IsDigit (Go's tables), for go-yaml's key order.
bool IsGoLetter(uint32_t r);
bool IsGoDigit(uint32_t r);

// encoding/json's name for a decoded value's kind in type errors: "array", "object", "string", "bool", "number".
const char* JsonKindName(const Value& v);

// Replaces every invalid UTF-8 byte with U+FFFD, as encoding/json does when it writes strings.
bool ValidUtf8(std::string_view s);
std::string CoerceUtf8(std::string_view s);

// go-yaml's decoded value before sigs.k8s.io/yaml's JSON round trip: ints stay ints (uint64 above int64's
// range as IntType::kUint64), NaN/Inf are kept. Errors as ParseYaml's.
Result<Value> ParseYamlKeepTypes(std::string_view text);

}  // namespace helm::yaml::internal
