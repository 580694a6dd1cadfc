// YAML, JSON (and TOML output) <-> Value with the exact semantics of the Go libraries Helm v4.2.4 uses:
//
//   - reading YAML is sigs.k8s.io/yaml.Unmarshal: go-yaml v2 decodes into interface{} (YAML 1.1 resolver:
//     yes/no/on/off booleans, 0x/0o/0b/leading-0 octal ints, underscores, .inf/.nan, merge keys `<<`),
//     the result goes through JSON, so every number comes back as float64 (Value double), every map key
//     as a string (bool keys "true"/"false", numeric keys in their Go text), only the first document of a
//     stream is read, and duplicate keys silently keep the last value;
//   - writing YAML is sigs.k8s.io/yaml.Marshal: encoding/json, then go-yaml v2 emission (keys in go-yaml's
//     natural order, 2-space indent, `key:\n- item`, go-yaml's quoting, folding at 80 columns, `|-` blocks);
//   - MarshalYamlPretty is go-yaml v3's Encoder with SetIndent(2) on the value itself (Helm's toYamlPretty);
//   - JSON is Go's encoding/json (sorted keys, HTML escaping, Go float formatting, Go's error texts).
//
// Error messages are the complete texts Helm prints (e.g. "error converting YAML to JSON: yaml: line 4:
// did not find expected key"); all errors carry Code::kParse (reading) or Code::kInvalidArgument (writing
// a value JSON cannot hold: NaN, +Inf, -Inf). Functions are thread-safe and keep no global state.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"
#include "helm/value/value.h"

namespace helm::yaml {

// sigs.k8s.io/yaml.Unmarshal(text, &interface{}): any top-level kind; empty input or a comment-only
// document yields null. Maps are fresh (never shared between aliases).
Result<Value> ParseYaml(std::string_view text);

// Unmarshal into a map type (fromYaml, values files, -f files): null becomes an empty map; a non-map top
// level fails with "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value
// of type <go_type>" (Helm v4.2.4 prints "map[string]interface {}" for fromYaml, values.yaml and -f files).
Result<Value> ParseYamlMap(std::string_view text, std::string_view go_type = "map[string]interface {}");

// Unmarshal into []interface{} (fromYamlArray): null becomes an empty list; a non-list fails like
// ParseYamlMap with go_type "[]interface {}".
Result<Value> ParseYamlList(std::string_view text);

// go-yaml's own decoding, before sigs.k8s.io/yaml's JSON step, for callers that decode into Go structs
// (Chart.yaml into chart.Metadata, ...): ints stay Value ints (IntType::kInt; a uint64 above int64's range
// as IntType::kUint64), NaN/Inf stay floats, keys are strings as sigs.k8s.io/yaml converts them. Errors as
// ParseYaml's.
Result<Value> ParseYamlTyped(std::string_view text);
// sigs.k8s.io/yaml's coercion of a scalar bound for a Go string field: ints in decimal, floats as
// strconv.FormatFloat(f, 'g', -1, 32) (so `version: 1.10` reads "1.1"), booleans "true"/"false"; anything
// else is returned unchanged (and then fails encoding/json's type check).
Value CoerceToString(const Value& v);

// encoding/json.Unmarshal into interface{} (numbers are float64), with Go's error texts ("invalid
// character 'x' looking for beginning of value", "unexpected end of JSON input", ...).
Result<Value> ParseJson(std::string_view text);
// json.Unmarshal into map[string]interface{} / []interface{} (fromJson / fromJsonArray): "null" yields null
// (Go's nil map/slice, which toJson prints as null); a wrong kind fails with "json: cannot unmarshal array
// into Go value of type ...". Go keeps the partly decoded map next to a number-range error; we return only
// the error.
Result<Value> ParseJsonMap(std::string_view text);
Result<Value> ParseJsonList(std::string_view text);

// sigs.k8s.io/yaml.Marshal. The text ends with "\n" (Helm's toYaml trims it, that is the caller's job).
// Fails with "error marshaling into JSON: json: unsupported value: NaN" for NaN/Inf floats, and with
// "yaml: control characters are not allowed" for strings holding DEL, C1 controls, U+FFFE or U+FFFF.
Result<std::string> MarshalYaml(const Value& v);
// MarshalYaml, or "" on error (what Helm's toYaml yields before trimming).
std::string ToYaml(const Value& v);

// go-yaml v3 Encoder with indent 2 (Helm's toYamlPretty, before its trailing-newline trim).
Result<std::string> MarshalYamlPretty(const Value& v);

// encoding/json.Marshal. Fails with "json: unsupported value: NaN" (or +Inf/-Inf).
Result<std::string> MarshalJson(const Value& v);
// MarshalJson, or "" on error (Helm's toJson).
std::string ToJson(const Value& v);
// json.MarshalIndent(v, prefix, indent) (Sprig's toPrettyJson uses "", "  ").
Result<std::string> MarshalJsonIndent(const Value& v, std::string_view prefix, std::string_view indent);

// BurntSushi/toml v1.6.0 Encoder output (Helm's toToml, which prints the error text instead on failure):
// "toml: top-level values must be Go maps or structs" for a top-level list of maps, "toml: cannot encode
// array with nil element" for lists holding null. Floats always carry ".0" or an exponent; nulls are
// skipped. (fromToml, i.e. TOML reading, is not provided.)
Result<std::string> MarshalToml(const Value& v);

// The head of a rendered manifest as Helm's releaseutil.SimpleHead reads it (sigs.k8s.io/yaml.Unmarshal
// into a struct: case-insensitive field names, numbers and booleans coerced to strings).
struct ManifestHead {
  std::string api_version;
  std::string kind;
  bool has_metadata = false;
  std::string name;
  std::map<std::string, std::string> annotations;
};
// Parses one document (the first of `doc`). Errors are the text after "YAML parse error on FILE: ", e.g.
// "error converting YAML to JSON: yaml: line 3: could not find expected ':'".
Result<ManifestHead> ParseManifestHead(std::string_view doc);

// releaseutil.SplitManifests: splits at every line starting with "---" (the separator swallows trailing
// blanks but not the rest of the line), trims leading white space of the text and of each document and
// drops blank documents. Returned views point into `text`.
std::vector<std::string_view> SplitManifests(std::string_view text);

}  // namespace helm::yaml
