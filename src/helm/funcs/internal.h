// Helpers shared by the files of the funcs module (not part of the public API).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "helm/base/result.h"
#include "helm/funcs/gotime.h"
#include "helm/template/template.h"
#include "helm/value/value.h"

namespace helm::funcs::internal {

using tmpl::ArgType;
using tmpl::CallInfo;
using tmpl::Func;
using tmpl::FuncImpl;
using tmpl::FuncMap;
using Args = std::span<const Value>;

// Registers `name` with Go parameter types; with `variadic` the last type is the ...element type.
void Def(FuncMap& m, const std::string& name, std::vector<ArgType> params, FuncImpl impl,
         bool variadic = false);

inline Status Fail(std::string msg) { return Error(Code::kExecution, std::move(msg)); }

// Go's runtime error for a nil interface dereference, as text/template reports a recovered panic.
inline constexpr std::string_view kNilDeref =
    "runtime error: invalid memory address or nil pointer dereference";

// spf13/cast v1.7.0 conversions as Sprig uses them (unparsable input gives 0).
int64_t ToInt64(const Value& v);
double ToFloat64(const Value& v);
// Go's strconv.ParseInt(s, base, 64); base 0 accepts Go prefixes and underscores.
std::optional<int64_t> ParseGoInt(std::string_view s, int base);
// Go's strconv.ParseFloat(s, 64).
std::optional<double> ParseGoFloat(std::string_view s);

// Sprig's strval: strings as is, Stringers through String(), everything else through fmt's %v.
std::string Strval(const Value& v);
// Sprig's empty(): Go zero-value test via reflection.
bool Empty(const Value& v);
// reflect.Kind name ("invalid" for nil, "slice", "map", "int64", ...).
std::string KindName(const Value& v);
// The elements of a slice-like value (lists, or objects whose plain form is a list); nullptr otherwise.
const ValueList* SliceElems(const Value& v, Value* holder);
// Sprig's strslice: the []string view of a value (nil elements dropped).
std::vector<std::string> StrSlice(const Value& v);
// Sprig's untilStep.
std::vector<int64_t> UntilStep(int64_t start, int64_t stop, int64_t step);
// Value holding a Go []string.
Value StringList(std::vector<std::string> items);
Value StringMap(ValueMap m);  // map[string]string

// Minimal Unicode support with Go's predicates for the ranges templates meet in practice (ASCII,
// Latin-1, Latin Extended-A, Greek, Cyrillic).
bool IsSpaceRune(uint32_t r);
bool IsUpperRune(uint32_t r);
bool IsLowerRune(uint32_t r);
bool IsLetterRune(uint32_t r);
bool IsNumberRune(uint32_t r);
bool IsPunctRune(uint32_t r);
uint32_t ToUpperRune(uint32_t r);
uint32_t ToLowerRune(uint32_t r);
std::vector<uint32_t> Runes(std::string_view s);
std::string FromRunes(const std::vector<uint32_t>& runes);

// A time.Time template value.
Value WrapTime(const gotime::Time& t);

// Cryptographically secure random bytes.
void RandomBytes(uint8_t* out, size_t n);
// Uniform random integer in [0, n).
uint64_t RandomBelow(uint64_t n);

// Go-style base64 (StdEncoding) helpers.
std::string Base64Encode(std::string_view in);
std::optional<std::string> Base64Decode(std::string_view in, std::string* err);

void RegisterStrings(FuncMap& m);
void RegisterMath(FuncMap& m);
void RegisterLists(FuncMap& m);
void RegisterDicts(FuncMap& m);
void RegisterDefaults(FuncMap& m);
void RegisterRegex(FuncMap& m);
void RegisterCrypto(FuncMap& m);
void RegisterSemver(FuncMap& m);
void RegisterDates(FuncMap& m);
void RegisterMisc(FuncMap& m);
void RegisterSprigJson(FuncMap& m);
void RegisterToml(FuncMap& m);  // fromToml (Helm)
Result<Value> ParseToml(std::string_view text);  // fromJson, toJson, toPrettyJson, toRawJson and must* forms  // paths, urls, network, encoding, uuid, fail, reflection

}  // namespace helm::funcs::internal
