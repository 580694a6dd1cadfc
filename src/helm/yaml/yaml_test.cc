#include "helm/yaml/yaml.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "helm/yaml/internal.h"

namespace helm::yaml {
namespace {

// Golden files: JSON lists of {"in": ..., "out": ...} recorded from real Helm v4.2.4 templates
// (`fromYaml $in | toJson`, `fromYaml $in | toYaml`, `fromJson $in | toJson`, and `helm template` errors for
// manifest heads).
std::vector<std::pair<std::string, std::string>> LoadGolden(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  auto v = ParseJson(ss.str());
  EXPECT_TRUE(v.ok()) << path << ": " << v.status().message();
  std::vector<std::pair<std::string, std::string>> out;
  if (!v.ok()) return out;
  for (const Value& c : v->as_list()) {
    out.emplace_back(c.Find("in")->as_string(), c.Find("out")->as_string());
  }
  EXPECT_FALSE(out.empty()) << path;
  return out;
}

std::string ErrorMap(const std::string& msg) {
  ValueMap m;
  m["Error"] = Value(msg);
  return ToJson(Value(std::move(m)));
}

TEST(Golden, FromYaml) {
  for (const auto& [in, want] : LoadGolden("testdata/from_yaml.json")) {
    auto v = ParseYamlMap(in);
    std::string got = v.ok() ? ToJson(*v) : ErrorMap(v.status().message());
    EXPECT_EQ(got, want) << "input: " << in;
  }
}

TEST(Golden, ToYaml) {
  for (const auto& [in, want] : LoadGolden("testdata/to_yaml.json")) {
    auto v = ParseYamlMap(in);
    Value m = v.ok() ? *v : Value(ValueMap{{"Error", Value(v.status().message())}});
    std::string got = ToYaml(m);
    if (!got.empty() && got.back() == '\n') got.pop_back();  // Helm's toYaml trims it
    EXPECT_EQ(got, want) << "input: " << in;
  }
}

TEST(Golden, ToYamlPretty) {
  for (const auto& [in, want] : LoadGolden("testdata/to_yaml_pretty.json")) {
    auto v = ParseYamlMap(in);
    Value m = v.ok() ? *v : Value(ValueMap{{"Error", Value(v.status().message())}});
    std::string got = MarshalYamlPretty(m).value();
    if (!got.empty() && got.back() == '\n') got.pop_back();
    EXPECT_EQ(got, want) << "input: " << in;
  }
}

TEST(Golden, ToToml) {
  for (const auto& [in, want] : LoadGolden("testdata/to_toml.json")) {
    auto v = ParseYamlMap(in);
    Value m = v.ok() ? *v : Value(ValueMap{{"Error", Value(v.status().message())}});
    auto t = MarshalToml(m);
    EXPECT_EQ(t.ok() ? *t : t.status().message(), want) << "input: " << in;
  }
}

TEST(Golden, FromJson) {
  for (const auto& [in, want] : LoadGolden("testdata/from_json.json")) {
    auto v = ParseJsonMap(in);
    std::string got = v.ok() ? ToJson(*v) : ErrorMap(v.status().message());
    EXPECT_EQ(got, want) << "input: " << in;
  }
}

TEST(Golden, FromJsonArray) {
  for (const auto& [in, want] : LoadGolden("testdata/from_json_array.json")) {
    auto v = ParseJsonList(in);
    std::string got = v.ok() ? ToJson(*v) : ToJson(Value(ValueList{Value(v.status().message())}));
    EXPECT_EQ(got, want) << "input: " << in;
  }
}

TEST(Golden, FromYamlArray) {
  for (const auto& [in, want] : LoadGolden("testdata/from_yaml_array.json")) {
    auto v = ParseYamlList(in);
    std::string got = v.ok() ? ToJson(*v) : ToJson(Value(ValueList{Value(v.status().message())}));
    EXPECT_EQ(got, want) << "input: " << in;
  }
}

TEST(Golden, ManifestHead) {
  // Each case is one rendered template: split into documents, each head parsed, first error reported.
  for (const auto& [in, want] : LoadGolden("testdata/manifest_head.json")) {
    std::string got = "OK";
    for (std::string_view doc : SplitManifests(in)) {
      auto h = ParseManifestHead(doc);
      if (!h.ok()) {
        got = "ERR " + h.status().message();
        break;
      }
    }
    EXPECT_EQ(got, want) << "input: " << in;
  }
}

TEST(ParseYaml, TopLevelKinds) {
  EXPECT_TRUE(ParseYaml("").value().is_null());
  EXPECT_TRUE(ParseYaml("# only a comment\n").value().is_null());
  EXPECT_EQ(ParseYaml("- 1\n- a").value(), Value(ValueList{Value(1.0), Value("a")}));
  EXPECT_EQ(ParseYaml("12").value(), Value(12.0));
  EXPECT_EQ(ParseYamlList("").value(), Value::EmptyList());
  EXPECT_EQ(ParseYamlList("a: 1").status().message(),
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type "
            "[]interface {}");
  EXPECT_EQ(ParseYamlMap("- a", "common.Values").status().message(),
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type "
            "common.Values");
  EXPECT_EQ(ParseYaml("a: b\n c: d").status().code(), Code::kParse);
}

TEST(ParseYaml, AliasesAreIndependentMaps) {
  auto v = ParseYaml("a: &x {p: 1}\nb: *x\n");
  ASSERT_TRUE(v.ok());
  const Value* a = v->Find("a");
  const Value* b = v->Find("b");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->map_ptr().get(), b->map_ptr().get());
  EXPECT_EQ(*a, *b);
}

TEST(ParseYaml, BillionLaughs) {
  std::string doc = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'i'; c++) {
    doc += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; i++) doc += std::string(i ? ", *" : "*") + static_cast<char>(c - 1);
    doc += "]\n";
  }
  EXPECT_EQ(ParseYaml(doc).status().message(),
            "error converting YAML to JSON: yaml: document contains excessive aliasing");
}

TEST(ToYaml, GoTypes) {
  ValueMap m;
  m["a"] = Value(1);
  m["b"] = Value::Int64(5);
  m["c"] = Value(1.5);
  m["d"] = Value(ValueList{Value(1), Value("x"), Value()});
  m["e"] = Value::EmptyMap();
  m["f"] = Value::EmptyList();
  // Expected texts recorded from `toYaml (dict ...)` / `toJson (dict ...)` in Helm v4.2.4.
  EXPECT_EQ(ToYaml(Value(m)), "a: 1\nb: 5\nc: 1.5\nd:\n- 1\n- x\n- null\ne: {}\nf: []\n");
  m["g"] = Value("<&>");
  EXPECT_EQ(ToJson(Value(m)), R"({"a":1,"b":5,"c":1.5,"d":[1,"x",null],"e":{},"f":[],"g":"\u003c\u0026\u003e"})");
  EXPECT_EQ(ToYaml(Value("plain string")), "plain string\n");
  EXPECT_EQ(ToYaml(Value(12)), "12\n");
  EXPECT_EQ(ToYaml(Value()), "null\n");
  EXPECT_EQ(ToYaml(Value::EmptyList()), "[]\n");
  EXPECT_EQ(ToYaml(Value(ValueList{Value("a"), Value(ValueList{Value("b")})})), "- a\n- - b\n");
  EXPECT_EQ(ToYaml(Value("multi\nline")), "|-\n  multi\n  line\n");
  EXPECT_EQ(ToYaml(Value(true)), "true\n");
  EXPECT_EQ(ToYaml(Value(1e21)), "1e+21\n");
  EXPECT_EQ(ToJson(Value(1e21)), "1e+21");
  EXPECT_EQ(ToJson(Value(0.0000001)), "1e-7");
  EXPECT_EQ(ToJson(Value(100.0)), "100");
}

TEST(ToYamlPretty, GoTypes) {
  ValueMap m;
  m["a"] = Value(1);
  m["b"] = Value(ValueList{Value(1), Value(2), Value(ValueMap{{"c", Value("d")}})});
  m["s"] = Value("yes");
  m["m"] = Value("x\ny");
  m["f"] = Value(1e6);
  m["e"] = Value::EmptyMap();
  m["l"] = Value::EmptyList();
  m["n"] = Value();
  // Recorded from `toYamlPretty (dict ...)` (before Helm's trailing-newline trim).
  EXPECT_EQ(MarshalYamlPretty(Value(m)).value(),
            "a: 1\nb:\n  - 1\n  - 2\n  - c: d\ne: {}\nf: 1e+06\nl: []\nm: |-\n  x\n  y\n\"n\": null\ns: \"yes\"\n");
}

TEST(ToYaml, Errors) {
  EXPECT_EQ(MarshalYaml(Value(std::nan(""))).status().message(),
            "error marshaling into JSON: json: unsupported value: NaN");
  EXPECT_EQ(ToYaml(Value(std::numeric_limits<double>::infinity())), "");
  EXPECT_EQ(MarshalJson(Value(-std::numeric_limits<double>::infinity())).status().message(),
            "json: unsupported value: -Inf");
}

TEST(ToJson, Indent) {
  ValueMap n;
  n["x"] = Value(ValueMap{{"y", Value(1)}});
  ValueMap m;
  m["a"] = Value(1);
  m["d"] = Value(ValueList{Value(1), Value("x"), Value()});
  m["e"] = Value::EmptyMap();
  m["f"] = Value::EmptyList();
  m["n"] = Value(n);
  // Recorded from `toPrettyJson (dict ...)`.
  EXPECT_EQ(MarshalJsonIndent(Value(m), "", "  ").value(),
            "{\n  \"a\": 1,\n  \"d\": [\n    1,\n    \"x\",\n    null\n  ],\n  \"e\": {},\n  \"f\": [],\n  \"n\": {\n"
            "    \"x\": {\n      \"y\": 1\n    }\n  }\n}");
}

TEST(Internal, FormatFloat32G) {
  EXPECT_EQ(internal::FormatFloat32G(1.5), "1.5");
  EXPECT_EQ(internal::FormatFloat32G(0.1), "0.1");
  EXPECT_EQ(internal::FormatFloat32G(1e8), "1e+08");
  EXPECT_EQ(internal::FormatFloat32G(3.14159265358979), "3.1415927");
  EXPECT_EQ(internal::FormatFloat32G(123456), "123456");
  EXPECT_EQ(internal::FormatFloat32G(0.0001), "0.0001");
  EXPECT_EQ(internal::FormatFloat32G(0.00001), "1e-05");
}

TEST(Internal, Resolve) {
  using internal::ScalarKind;
  struct Case {
    const char* in;
    ScalarKind kind;
  } cases[] = {
      {"", ScalarKind::kNull},        {"~", ScalarKind::kNull},       {"yes", ScalarKind::kBool},
      {"Off", ScalarKind::kBool},     {"oFF", ScalarKind::kString},   {"0x1F", ScalarKind::kInt},
      {"0o17", ScalarKind::kInt},     {"010", ScalarKind::kInt},      {"08", ScalarKind::kFloat},
      {"1_000", ScalarKind::kInt},    {"1e3", ScalarKind::kFloat},    {".5", ScalarKind::kFloat},
      {"1e400", ScalarKind::kString}, {"2001-12-14", ScalarKind::kTimestamp},
      {"18446744073709551615", ScalarKind::kUint}, {"<<", ScalarKind::kString}, {"1:20", ScalarKind::kString},
  };
  for (const auto& c : cases) EXPECT_EQ(internal::ResolvePlain(c.in).kind, c.kind) << c.in;
  EXPECT_TRUE(internal::IsBase60Float("1:20"));
  EXPECT_TRUE(internal::IsBase60Float("190:20:30.15"));
  EXPECT_FALSE(internal::IsBase60Float("1:70"));
}

TEST(ParseYamlTyped, StructCoercion) {
  // Helm v4.2.4 renders .Chart.Version "1.1" and .Chart.Description "12" for `version: 1.10`, `description: 12`.
  auto v = ParseYamlTyped("version: 1.10\ndescription: 12\nbig: 18446744073709551615\nok: yes\n");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(CoerceToString(*v->Find("version")), Value("1.1"));
  EXPECT_EQ(CoerceToString(*v->Find("description")), Value("12"));
  EXPECT_EQ(CoerceToString(*v->Find("big")), Value("18446744073709551615"));
  EXPECT_EQ(CoerceToString(*v->Find("ok")), Value("true"));
  EXPECT_TRUE(v->Find("description")->is_int());
}

TEST(SplitManifests, Separators) {
  auto docs = SplitManifests("\n\n---\na: 1\n---   \nb: 2\n---c: 3\n----\n  \n---\n");
  // `(?m)^---[ \t]*` also splits "----": the fourth document is "-".
  ASSERT_EQ(docs.size(), 4u);
  EXPECT_EQ(docs[0], "a: 1\n");
  EXPECT_EQ(docs[1], "b: 2\n");
  EXPECT_EQ(docs[2], "c: 3\n");
  EXPECT_EQ(docs[3], "-\n  \n");
  EXPECT_TRUE(SplitManifests("  \n").empty());
  EXPECT_EQ(SplitManifests("a: 1")[0], "a: 1");
}

TEST(ManifestHead, Fields) {
  auto h = ParseManifestHead(
      "apiVersion: v1\nKind: Pod\nmetadata:\n  name: x\n  annotations:\n    helm.sh/hook: pre-install\n"
      "    weight: 5\n    f: 1.5\n    b: yes\n    n: ~\n");
  ASSERT_TRUE(h.ok()) << h.status().message();
  EXPECT_EQ(h->api_version, "v1");
  EXPECT_EQ(h->kind, "Pod");
  EXPECT_TRUE(h->has_metadata);
  EXPECT_EQ(h->name, "x");
  EXPECT_EQ(h->annotations["helm.sh/hook"], "pre-install");
  EXPECT_EQ(h->annotations["weight"], "5");
  EXPECT_EQ(h->annotations["f"], "1.5");
  EXPECT_EQ(h->annotations["b"], "true");
  EXPECT_EQ(h->annotations["n"], "");
  EXPECT_FALSE(ParseManifestHead("kind: A\n").value().has_metadata);
}

}  // namespace
}  // namespace helm::yaml
