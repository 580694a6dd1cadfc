// Helm's own template functions (pkg/engine/funcs.go@v4.2.4) and Sprig's JSON functions, on the yaml
// module's Go-compatible codecs.
#include "helm/funcs/funcs.h"
#include "helm/funcs/internal.h"
#include "helm/yaml/yaml.h"

namespace helm::funcs {
namespace internal {
namespace {

bool HasObject(const Value& v) {
  if (v.is_object()) return true;
  if (v.is_list()) {
    for (const Value& e : v.as_list()) {
      if (HasObject(e)) return true;
    }
  } else if (v.is_map()) {
    for (const auto& [k, e] : v.as_map()) {
      if (HasObject(e)) return true;
    }
  }
  return false;
}

// What encoding/json sees for our Go objects: time.Time marshals as an RFC 3339 string, *semver.Version
// through its MarshalJSON (the version string), structs as their exported fields. Returns `v` itself
// (no copy) when it holds no object.
Value ForMarshal(const Value& v) {
  switch (v.kind()) {
    case Kind::kObject: {
      const Object& o = v.as_object();
      std::string type = o.TypeName();
      if (type == "time.Time") return Value(FormatTime(v, "2006-01-02T15:04:05.999999999Z07:00"));
      if (type == "*semver.Version" || type == "semver.Version") return Value(o.Format());
      if (auto plain = o.AsPlainValue()) return ForMarshal(*plain);
      if (type == "sprig.certificate") {
        ValueMap m;
        m["Cert"] = *o.Field("Cert");
        m["Key"] = *o.Field("Key");
        return Value(std::move(m));
      }
      return v;
    }
    case Kind::kList: {
      if (!HasObject(v)) return v;
      ValueList copy;
      copy.reserve(v.as_list().size());
      for (const Value& e : v.as_list()) copy.push_back(ForMarshal(e));
      return Value(std::move(copy), v.list_type());
    }
    case Kind::kMap: {
      const ValueMap& m = v.as_map();
      if (!HasObject(v)) return v;
      ValueMap copy;
      for (const auto& [k, e] : m) copy.emplace(k, ForMarshal(e));
      return Value(std::move(copy), v.map_type());
    }
    default:
      return v;
  }
}

std::string TrimNewline(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

Value ErrorMap(const std::string& msg) {
  ValueMap m;
  m["Error"] = Value(msg);
  return Value(std::move(m));
}

// encoding/json with SetEscapeHTML(false): undo the \u003c, \u003e and \u0026 escapes (U+2028 and
// U+2029 stay escaped in both modes).
std::string UnescapeHtml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out.push_back(s[i]);
      continue;
    }
    if (s[i + 1] == 'u' && i + 5 < s.size()) {
      std::string_view code = s.substr(i + 2, 4);
      if (code == "003c") {
        out.push_back('<');
        i += 5;
        continue;
      }
      if (code == "003e") {
        out.push_back('>');
        i += 5;
        continue;
      }
      if (code == "0026") {
        out.push_back('&');
        i += 5;
        continue;
      }
    }
    out.push_back(s[i]);
    out.push_back(s[i + 1]);
    ++i;
  }
  return out;
}

}  // namespace

void RegisterSprigJson(FuncMap& m) {
  using A = ArgType;
  Def(m, "fromJson", {A::kString}, [](Args a, const CallInfo&) -> Result<Value> {
    auto v = yaml::ParseJson(a[0].as_string());
    return v.ok() ? *v : Value();
  });
  Def(m, "mustFromJson", {A::kString}, [](Args a, const CallInfo&) -> Result<Value> {
    auto v = yaml::ParseJson(a[0].as_string());
    if (!v.ok()) return Fail(v.status().message());
    return *v;
  });
  Def(m, "toJson", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> { return Value(yaml::ToJson(internal::ForMarshal(a[0]))); });
  Def(m, "mustToJson", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalJson(internal::ForMarshal(a[0]));
    if (!s.ok()) return Fail(s.status().message());
    return Value(std::move(*s));
  });
  Def(m, "toPrettyJson", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalJsonIndent(internal::ForMarshal(a[0]), "", "  ");
    return Value(s.ok() ? std::move(*s) : std::string());
  });
  Def(m, "mustToPrettyJson", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalJsonIndent(internal::ForMarshal(a[0]), "", "  ");
    if (!s.ok()) return Fail(s.status().message());
    return Value(std::move(*s));
  });
  auto raw = [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalJson(internal::ForMarshal(a[0]));
    if (!s.ok()) return Fail(s.status().message());
    return Value(UnescapeHtml(*s));
  };
  Def(m, "toRawJson", {A::kAny}, raw);
  Def(m, "mustToRawJson", {A::kAny}, raw);
}

}  // namespace internal

tmpl::FuncMap HelmFuncMap() {
  using internal::Args;
  using internal::CallInfo;
  using internal::Def;
  using internal::Fail;
  using A = tmpl::ArgType;
  tmpl::FuncMap m;
  Def(m, "toYaml", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(internal::TrimNewline(yaml::ToYaml(internal::ForMarshal(a[0]))));
  });
  Def(m, "mustToYaml", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalYaml(internal::ForMarshal(a[0]));
    if (!s.ok()) return Fail(s.status().message());
    return Value(internal::TrimNewline(std::move(*s)));
  });
  Def(m, "toYamlPretty", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalYamlPretty(internal::ForMarshal(a[0]));
    return Value(s.ok() ? internal::TrimNewline(std::move(*s)) : std::string());
  });
  Def(m, "toToml", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalToml(internal::ForMarshal(a[0]));
    return Value(s.ok() ? std::move(*s) : s.status().message());
  });
  Def(m, "mustToToml", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalToml(internal::ForMarshal(a[0]));
    if (!s.ok()) return Fail(s.status().message());
    return Value(std::move(*s));
  });
  Def(m, "fromYaml", {A::kString}, [](Args a, const CallInfo&) -> Result<Value> {
    auto v = yaml::ParseYamlMap(a[0].as_string());
    if (!v.ok()) return internal::ErrorMap(v.status().message());
    return v->WithMapType(MapType::kInterface);
  });
  Def(m, "fromYamlArray", {A::kString}, [](Args a, const CallInfo&) -> Result<Value> {
    auto v = yaml::ParseYamlList(a[0].as_string());
    if (!v.ok()) return Value(ValueList{Value(v.status().message())});
    return *v;
  });
  Def(m, "toJson", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> { return Value(yaml::ToJson(internal::ForMarshal(a[0]))); });
  Def(m, "mustToJson", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalJson(internal::ForMarshal(a[0]));
    if (!s.ok()) return Fail(s.status().message());
    return Value(std::move(*s));
  });
  Def(m, "fromJson", {A::kString}, [](Args a, const CallInfo&) -> Result<Value> {
    auto v = yaml::ParseJsonMap(a[0].as_string());
    if (!v.ok()) return internal::ErrorMap(v.status().message());
    return *v;
  });
  Def(m, "fromJsonArray", {A::kString}, [](Args a, const CallInfo&) -> Result<Value> {
    auto v = yaml::ParseJsonList(a[0].as_string());
    if (!v.ok()) return Value(ValueList{Value(v.status().message())});
    return *v;
  });
  internal::RegisterToml(m);
  return m;
}

}  // namespace helm::funcs
