// releaseutil.SimpleHead decoding: sigs.k8s.io/yaml.Unmarshal into a struct. Numbers and booleans bound
// for string fields are turned into strings before the JSON step; then encoding/json matches object keys
// to fields case-insensitively (the last of several matching keys in sorted order wins) and reports the
// first type mismatch.
#include <cmath>

#include "helm/base/strings.h"
#include "helm/yaml/internal.h"
#include "helm/yaml/yaml.h"

namespace helm::yaml {
namespace {

constexpr char kDecodePrefix[] = "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ";
constexpr char kMetadataType[] =
    "struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }";

bool EqualFoldAscii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x += 32;
    if (y >= 'A' && y <= 'Z') y += 32;
    if (x != y) return false;
  }
  return true;
}


}  // namespace

Value CoerceToString(const Value& v) {
  switch (v.kind()) {
    case Kind::kInt:
      if (v.int_type() == IntType::kUint64) return Value(std::to_string(static_cast<uint64_t>(v.as_int())));
      return Value(std::to_string(v.as_int()));
    case Kind::kFloat:
      return Value(internal::FormatFloat32G(v.as_float()));
    case Kind::kBool:
      return Value(v.as_bool() ? "true" : "false");
    default:
      return v;
  }
}

Result<Value> ParseYamlTyped(std::string_view text) { return internal::ParseYamlKeepTypes(text); }

namespace {

// The first NaN/Inf json.Marshal meets (sorted keys); `skip_scalar` marks a coerced position.
bool NonFinite(const Value& v, std::string* what) {
  switch (v.kind()) {
    case Kind::kFloat:
      if (std::isfinite(v.as_float())) return false;
      *what = FormatFloat(v.as_float(), 'g', -1);
      return true;
    case Kind::kList:
      for (const Value& e : v.as_list()) {
        if (NonFinite(e, what)) return true;
      }
      return false;
    case Kind::kMap:
      for (const auto& [k, e] : v.as_map()) {
        if (NonFinite(e, what)) return true;
      }
      return false;
    default:
      return false;
  }
}

// A JSON-ready copy of a value whose scalars are not coerced (only NaN detection matters there).
enum class Field { kNone, kString, kMetadata, kAnnotations };

Field TopField(std::string_view key, std::string* json_name) {
  static const char* kNames[] = {"apiVersion", "kind", "metadata"};
  for (const char* n : kNames) {
    if (key == n) {
      *json_name = n;
      return key == std::string_view("metadata") ? Field::kMetadata : Field::kString;
    }
  }
  for (const char* n : kNames) {
    if (EqualFoldAscii(key, n)) {
      *json_name = n;
      return std::string_view(n) == "metadata" ? Field::kMetadata : Field::kString;
    }
  }
  return Field::kNone;
}

Field MetaField(std::string_view key, std::string* json_name) {
  if (key == "name" || (key != "annotations" && EqualFoldAscii(key, "name"))) {
    *json_name = "name";
    return Field::kString;
  }
  if (EqualFoldAscii(key, "annotations")) {
    *json_name = "annotations";
    return Field::kAnnotations;
  }
  return Field::kNone;
}

// Applies the string coercion to the positions the struct types as strings; returns the converted tree.
Value Convert(const Value& v, Field field) {
  switch (field) {
    case Field::kString:
      return CoerceToString(v);
    case Field::kMetadata: {
      if (!v.is_map()) return v;
      ValueMap out;
      for (const auto& [k, e] : v.as_map()) {
        std::string name;
        out[k] = Convert(e, MetaField(k, &name));
      }
      return Value(std::move(out));
    }
    case Field::kAnnotations: {
      if (!v.is_map()) return v;
      ValueMap out;
      for (const auto& [k, e] : v.as_map()) out[k] = CoerceToString(e);
      return Value(std::move(out));
    }
    case Field::kNone:
      return v;
  }
  return v;
}

}  // namespace

Result<ManifestHead> ParseManifestHead(std::string_view doc) {
  HELM_ASSIGN_OR_RETURN(Value raw, internal::ParseYamlKeepTypes(doc));
  ManifestHead head;
  if (raw.is_null()) return head;
  Value conv = raw;
  if (raw.is_map()) {
    ValueMap top;
    for (const auto& [k, e] : raw.as_map()) {
      std::string name;
      top[k] = Convert(e, TopField(k, &name));
    }
    conv = Value(std::move(top));
  }
  std::string what;
  if (NonFinite(conv, &what)) {
    return Error(Code::kParse, "error converting YAML to JSON: json: unsupported value: " + what);
  }
  if (!conv.is_map()) {
    return Error(Code::kParse, std::string(kDecodePrefix) + internal::JsonKindName(conv) + " into Go value of type util.SimpleHead");
  }
  std::string first_error;
  auto type_error = [&](const Value& v, const std::string& where, const std::string& type) {
    if (first_error.empty()) {
      first_error = std::string(kDecodePrefix) + internal::JsonKindName(v) + " into Go struct field " + where + " of type " + type;
    }
  };
  for (const auto& [k, v] : conv.as_map()) {
    std::string name;
    Field f = TopField(k, &name);
    if (f == Field::kString) {
      if (v.is_string()) {
        (name == "apiVersion" ? head.api_version : head.kind) = v.as_string();
      } else if (!v.is_null()) {
        type_error(v, "SimpleHead." + name, "string");
      }
    } else if (f == Field::kMetadata) {
      if (v.is_null()) {
        head.has_metadata = false;
        head.name.clear();
        head.annotations.clear();
        continue;
      }
      if (!v.is_map()) {
        type_error(v, "SimpleHead.metadata", kMetadataType);
        continue;
      }
      head.has_metadata = true;
      for (const auto& [mk, mv] : v.as_map()) {
        std::string mname;
        Field mf = MetaField(mk, &mname);
        if (mf == Field::kString) {
          if (mv.is_string()) {
            head.name = mv.as_string();
          } else if (!mv.is_null()) {
            type_error(mv, ".metadata.name", "string");
          }
        } else if (mf == Field::kAnnotations) {
          if (mv.is_null()) {
            head.annotations.clear();
          } else if (!mv.is_map()) {
            type_error(mv, ".metadata.annotations", "map[string]string");
          } else {
            for (const auto& [ak, av] : mv.as_map()) {
              if (av.is_string()) {
                head.annotations[ak] = av.as_string();
              } else if (av.is_null()) {
                head.annotations[ak] = "";
              } else {
                type_error(av, ".metadata.annotations", "string");
              }
            }
          }
        }
      }
    }
  }
  if (!first_error.empty()) return Error(Code::kParse, first_error);
  return head;
}

std::vector<std::string_view> SplitManifests(std::string_view text) {
  // Go's unicode.IsSpace on the ASCII range plus NEL/NBSP and the Unicode spaces.
  auto space_at = [](std::string_view s, size_t i, int* w) -> bool {
    uint32_t r = DecodeRune(s, i, w);
    switch (r) {
      case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0: case 0x1680:
      case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return true;
      default:
        return r >= 0x2000 && r <= 0x200A;
    }
  };
  auto trim_left = [&](std::string_view s) {
    size_t i = 0;
    int w;
    while (i < s.size() && space_at(s, i, &w)) i += w;
    return s.substr(i);
  };
  std::vector<std::string_view> docs;
  std::string_view rest = trim_left(text);
  auto emit = [&](std::string_view d) {
    std::string_view t = trim_left(d);
    if (!TrimSpace(t).empty()) docs.push_back(t);
  };
  size_t start = 0, i = 0;
  while (i <= rest.size()) {
    bool line_start = i == 0 || rest[i - 1] == '\n';
    if (line_start && rest.substr(i, 3) == "---") {
      emit(rest.substr(start, i - start));
      size_t j = i + 3;
      while (j < rest.size() && (rest[j] == ' ' || rest[j] == '\t')) j++;
      start = j;
      i = j;
      if (i == rest.size()) break;
      continue;
    }
    if (i == rest.size()) break;
    i++;
  }
  emit(rest.substr(start));
  return docs;
}

}  // namespace helm::yaml
