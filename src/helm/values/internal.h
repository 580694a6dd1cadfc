// Helpers shared by the values module's sources; not part of its public API.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "helm/base/result.h"
#include "helm/value/value.h"

namespace helm::values::internal {

// Go's unicode.IsSpace and (approximately, by general category ranges) unicode.IsPrint.
bool IsGoSpace(uint32_t r);
bool IsGoPrint(uint32_t r);

// Go's fmt %v of a plain value: <nil>, true, 42, 1e+06, text, [a b], map[k:v] (keys sorted).
std::string FormatGo(const Value& v);

// Go's "%T" of a value inside an interface{} as a runtime panic names it: "nil" for null.
std::string PanicTypeName(const Value& v);

// Decodes one JSON value from the start of `s` as Go's json.Decoder.Decode into interface{} does:
// leading whitespace is skipped, the value ends where its grammar ends (whatever follows is left),
// numbers become float64. *consumed receives Decoder.InputOffset(). Errors use Go's texts
// ("invalid character 'x' looking for beginning of value", "unexpected EOF", "EOF").
Result<Value> DecodeJsonPrefix(std::string_view s, size_t* consumed, bool use_number = false);

// Go's json.Unmarshal into interface{}: the whole input must be one value. With use_number, integer
// literals that fit become int64 (as json.Number would keep them exact), others float64.
Result<Value> UnmarshalJson(std::string_view s, bool use_number = false);

}  // namespace helm::values::internal
