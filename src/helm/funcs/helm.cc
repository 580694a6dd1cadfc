// Helm's own template functions (pkg/engine/funcs.go@v4.2.4) and Sprig's JSON functions, on the yaml
// module's Go-compatible codecs.
#include "helm/funcs/funcs.h"
#include "helm/funcs/internal.h"
#include "helm/yaml/yaml.h"

namespace helm::funcs {
namespace internal {
namespace {

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
  Def(m, "toJson", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> { return Value(yaml::ToJson(a[0])); });
  Def(m, "mustToJson", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalJson(a[0]);
    if (!s.ok()) return Fail(s.status().message());
    return Value(std::move(*s));
  });
  Def(m, "toPrettyJson", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalJsonIndent(a[0], "", "  ");
    return Value(s.ok() ? std::move(*s) : std::string());
  });
  Def(m, "mustToPrettyJson", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalJsonIndent(a[0], "", "  ");
    if (!s.ok()) return Fail(s.status().message());
    return Value(std::move(*s));
  });
  auto raw = [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalJson(a[0]);
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
    return Value(internal::TrimNewline(yaml::ToYaml(a[0])));
  });
  Def(m, "mustToYaml", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalYaml(a[0]);
    if (!s.ok()) return Fail(s.status().message());
    return Value(internal::TrimNewline(std::move(*s)));
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
  Def(m, "toJson", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> { return Value(yaml::ToJson(a[0])); });
  Def(m, "mustToJson", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto s = yaml::MarshalJson(a[0]);
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
  return m;
}

}  // namespace helm::funcs
