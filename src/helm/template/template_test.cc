// Table-driven tests of the template engine. testdata/cases.txt holds templates and the output (or error)
// that real Helm v4.2.4 produced for them with testdata/values.yaml (recorded by testdata/record.py).
#include "helm/template/template.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace helm::tmpl {
namespace {

Value L(ValueList l) { return Value(std::move(l)); }
Value M(ValueMap m) { return Value(std::move(m)); }

// testdata/values.yaml as Helm sees it (numbers are float64).
Value HelmData() {
  ValueMap values = {
      {"a", 1.0},
      {"s", "str"},
      {"n", Value()},
      {"list", L({1.0, "a", Value()})},
      {"m", M({{"k", "v"}, {"z", 2.0}})},
      {"f", 1.5},
      {"big", 1000000.0},
      {"t", true},
      {"empty", ""},
      {"emptylist", L({})},
      {"emptymap", M({})},
      {"nested", M({{"a", M({{"b", M({{"c", "deep"}})}})}})},
      {"strs", L({"x", "w", "z"})},
      {"lom", L({M({{"name", "a"}}), M({{"name", "b"}})})},
  };
  return M({{"Values", Value(std::move(values), MapType::kValues)}});
}

struct Case {
  std::string name, text, want;
};

std::vector<Case> LoadCases() {
  std::ifstream f("testdata/cases.txt");
  std::stringstream ss;
  ss << f.rdbuf();
  std::string s = ss.str();
  std::vector<Case> cases;
  size_t pos = 0;
  while ((pos = s.find("#### case ", pos)) != std::string::npos) {
    size_t nl = s.find('\n', pos);
    size_t want = s.find("\n#### want\n", nl);
    size_t end = s.find("\n#### end\n", want);
    Case c;
    c.name = s.substr(pos + 10, nl - pos - 10);
    c.text = s.substr(nl + 1, want - nl - 1);
    c.want = s.substr(want + 11, end - want - 11);
    cases.push_back(std::move(c));
    pos = end;
  }
  return cases;
}

// Renders like Helm's engine does for one file: missingkey=zero, "<no value>" removed.
std::string Render(const std::string& text, const Value& data) {
  TemplateSet set(Options{.missing_key = MissingKey::kZero});
  std::string full = text + "\n#END";
  Status st = set.Parse("x/templates/t.yaml", full);
  if (!st.ok()) return "ERROR: " + st.message();
  std::string out;
  st = set.Execute("x/templates/t.yaml", data, &out);
  if (!st.ok()) return "ERROR: " + st.message();
  out = std::regex_replace(out, std::regex("<no value>"), "");
  if (out.size() >= 5 && out.compare(out.size() - 5, 5, "\n#END") == 0) out.resize(out.size() - 5);
  return out;
}

TEST(Template, RecordedCases) {
  std::vector<Case> cases = LoadCases();
  ASSERT_GT(cases.size(), 50u);
  Value data = HelmData();
  for (const Case& c : cases) {
    EXPECT_EQ(Render(c.text, data), c.want) << "case " << c.name;
  }
}

std::string Exec(const std::string& text, const Value& data, Options opts = {}) {
  TemplateSet set(opts);
  Status st = set.Parse("t", text);
  if (!st.ok()) return "PARSE: " + st.message();
  std::string out;
  st = set.Execute("t", data, &out);
  if (!st.ok()) return out + "|ERROR: " + st.message();
  return out;
}

// Go behaviour that Helm hides ("<no value>" is removed by Helm's engine).
TEST(Template, NoValue) {
  Value data = M({{"m", M({{"k", "v"}})}, {"n", Value()}});
  EXPECT_EQ(Exec("{{ .m.nope }}|{{ .n }}|{{ $x := .m.nope }}{{ $x.y }}", data), "<no value>|<no value>|<no value>");
  EXPECT_EQ(Exec("{{ .m.nope.deeper }}", data), "<no value>");
  EXPECT_EQ(Exec("{{ .m.nope.deeper }}", data, Options{.missing_key = MissingKey::kZero}),
            "|ERROR: template: t:1:5: executing \"t\" at <.m.nope.deeper>: nil pointer evaluating interface "
            "{}.deeper");
  EXPECT_EQ(Exec("{{ .m.nope }}", data, Options{.missing_key = MissingKey::kError}),
            "|ERROR: template: t:1:5: executing \"t\" at <.m.nope>: map has no entry for key \"nope\"");
  EXPECT_EQ(Exec("{{ html .nope }}", data), "&lt;no value&gt;");
}

TEST(Template, TemplateSetApi) {
  TemplateSet set;
  ASSERT_TRUE(set.Parse("a", "{{ define \"d\" }}D{{ . }}{{ end }}A{{ template \"d\" 1 }}").ok());
  EXPECT_TRUE(set.Has("a"));
  EXPECT_TRUE(set.Has("d"));
  std::string out;
  ASSERT_TRUE(set.Execute("a", Value(), &out).ok());
  EXPECT_EQ(out, "AD1");
  // Redefinition by a later Parse replaces; an empty body does not.
  ASSERT_TRUE(set.Parse("b", "{{ define \"d\" }}E{{ end }}").ok());
  ASSERT_TRUE(set.Parse("c", "{{ define \"d\" }} {{ end }}").ok());
  out.clear();
  ASSERT_TRUE(set.Execute("a", Value(), &out).ok());
  EXPECT_EQ(out, "AE");
  Status st = set.Execute("zz", Value(), &out);
  EXPECT_EQ(st.message(), "template: no template \"zz\" associated with template \"gotpl\"");

  // Overlays see the parent's templates; their own definitions stay private.
  auto overlay = set.NewOverlay();
  ASSERT_TRUE(overlay->Parse("tpl", "{{ define \"d\" }}O{{ end }}{{ template \"d\" }}").ok());
  out.clear();
  ASSERT_TRUE(overlay->Execute("tpl", Value(), &out).ok());
  EXPECT_EQ(out, "O");
  out.clear();
  ASSERT_TRUE(set.Execute("a", Value(), &out).ok());
  EXPECT_EQ(out, "AE");
  EXPECT_FALSE(set.Has("tpl"));
  EXPECT_TRUE(overlay->Has("a"));
}

TEST(Template, UserFunctions) {
  TemplateSet set;
  FuncMap funcs;
  funcs["upper"] = Func{{ArgType::kString}, false, [](std::span<const Value> a, const CallInfo&) -> Result<Value> {
                          std::string s = a[0].as_string();
                          for (char& c : s) c = static_cast<char>(toupper(c));
                          return Value(s);
                        }};
  funcs["fail"] = Func{{ArgType::kString}, false, [](std::span<const Value> a, const CallInfo&) -> Result<Value> {
                         return Error(Code::kExecution, a[0].as_string());
                       }};
  funcs["join"] = Func{{ArgType::kString, ArgType::kAny}, true,
                       [](std::span<const Value> a, const CallInfo&) -> Result<Value> {
                         std::string s;
                         for (size_t i = 1; i < a.size(); ++i) {
                           if (i > 1) s += a[0].as_string();
                           s += FormatValue(a[i]);
                         }
                         return Value(s);
                       }};
  funcs["i64"] = Func{{ArgType::kInt64}, false, [](std::span<const Value> a, const CallInfo&) -> Result<Value> {
                        return Value::Int64(a[0].as_int() * 2);
                      }};
  funcs["and"] = Func{{ArgType::kString}, false, [](std::span<const Value> a, const CallInfo&) -> Result<Value> {
                        return Value("mine");
                      }};
  set.AddFuncs(funcs);
  Value data = M({{"s", "abc"}, {"n", 3.0}, {"nil", Value()}});
  auto run = [&](const std::string& text) {
    Status st = set.Parse("t", text);
    if (!st.ok()) return "PARSE: " + st.message();
    std::string out;
    st = set.Execute("t", data, &out);
    if (!st.ok()) return out + "|ERROR: " + st.message();
    return out;
  };
  EXPECT_EQ(run("{{ upper .s }} {{ .s | upper }} {{ join \",\" 1 2.5 .s }} {{ i64 21 }} {{ and \"x\" }}"),
            "ABC ABC 1,2.5,abc 42 mine");
  EXPECT_EQ(run("{{ upper 1 }}"), "|ERROR: template: t:1:9: executing \"t\" at <1>: expected string; found 1");
  EXPECT_EQ(run("{{ upper .n }}"),
            "|ERROR: template: t:1:9: executing \"t\" at <.n>: wrong type for value; expected string; got float64");
  EXPECT_EQ(run("{{ upper .nil }}"),
            "|ERROR: template: t:1:9: executing \"t\" at <.nil>: wrong type for value; expected string; got "
            "interface {}");
  EXPECT_EQ(run("{{ .nope | upper }}"),
            "|ERROR: template: t:1:11: executing \"t\" at <upper>: invalid value; expected string");
  EXPECT_EQ(run("{{ upper }}"),
            "|ERROR: template: t:1:3: executing \"t\" at <upper>: wrong number of args for upper: want 1 got 0");
  EXPECT_EQ(run("{{ join }}"),
            "|ERROR: template: t:1:3: executing \"t\" at <join>: wrong number of args for join: want at least 1 "
            "got 0");
  EXPECT_EQ(run("x{{ fail \"boom\" }}"),
            "x|ERROR: template: t:1:4: executing \"t\" at <fail \"boom\">: error calling fail: boom");
  EXPECT_EQ(run("{{ i64 1.5 }}"), "|ERROR: template: t:1:7: executing \"t\" at <1.5>: expected integer; found 1.5");
}

TEST(Template, ExceedsDepth) {
  TemplateSet set(Options{.max_exec_depth = 50});
  ASSERT_TRUE(set.Parse("t", "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" }}").ok());
  std::string out;
  Status st = set.Execute("t", Value(), &out);
  EXPECT_EQ(st.message(),
            "template: t:1:28: executing \"r\" at <{{template \"r\" .}}>: exceeded maximum template depth (50)");
}

}  // namespace
}  // namespace helm::tmpl

namespace helm::tmpl {
namespace {

// A stand-in for Helm's objects (.Release, .Files ...).
class FakeObject : public Object {
 public:
  std::string TypeName() const override { return "*fake.Obj"; }
  std::optional<Value> Field(std::string_view name) const override {
    if (name == "Name") return Value("rel");
    if (name == "Nil") return Value();
    if (name == "Sub") return Value(std::make_shared<FakeObject>());
    return std::nullopt;
  }
  bool HasMethod(std::string_view name) const override { return name == "Get" || name == "Fail"; }
  Result<Value> CallMethod(std::string_view name, std::span<const Value> args) const override {
    if (name == "Fail") return Error(Code::kIo, "disk on fire");
    if (args.size() != 1) {
      return Error(Code::kInvalidArgument, "wrong number of args for Get: want 1 got " + std::to_string(args.size()));
    }
    return Value("got:" + FormatValue(args[0]));
  }
  std::string Format() const override { return "&{fake}"; }
};

TEST(Template, Objects) {
  Value data = Value(ValueMap{{"O", Value(std::make_shared<FakeObject>())}});
  EXPECT_EQ(Exec("{{ .O.Name }} {{ .O.Sub.Name }} {{ .O.Get \"x\" }} {{ \"y\" | .O.Get }} {{ .O }} {{ .O.Get 1 }}", data),
            "rel rel got:x got:y &{fake} got:1");
  EXPECT_EQ(Exec("{{ .O.Nope }}", data),
            "|ERROR: template: t:1:5: executing \"t\" at <.O.Nope>: can't evaluate field Nope in type interface {}");
  // A field of an object holds its concrete type (Go's static type of the struct field).
  EXPECT_EQ(Exec("{{ .O.Sub.Nope }}", data),
            "|ERROR: template: t:1:5: executing \"t\" at <.O.Sub.Nope>: can't evaluate field Nope in type *fake.Obj");
  EXPECT_EQ(Exec("{{ .O.Get }}", data),
            "|ERROR: template: t:1:5: executing \"t\" at <.O.Get>: wrong number of args for Get: want 1 got 0");
  EXPECT_EQ(Exec("{{ .O.Fail }}", data),
            "|ERROR: template: t:1:5: executing \"t\" at <.O.Fail>: error calling Fail: disk on fire");
  EXPECT_EQ(Exec("{{ .O.Name 1 }}", data),
            "|ERROR: template: t:1:5: executing \"t\" at <.O.Name>: Name has arguments but cannot be invoked as "
            "function");
  EXPECT_EQ(Exec("{{ .O.Nil.x }}", data),
            "|ERROR: template: t:1:5: executing \"t\" at <.O.Nil.x>: nil pointer evaluating interface {}.x");
}

}  // namespace
}  // namespace helm::tmpl

namespace helm::tmpl {
namespace {

TEST(Template, JsEscapeUnicode) {
  // Recorded from Helm: {{ js "\u00a0\u2028\u0378x" }}
  EXPECT_EQ(Exec("{{ js \"\\u00a0\\u2028\\u0378x\" }}", Value()), "\\u00A0\\u2028\\u0378x");
}

}  // namespace
}  // namespace helm::tmpl

namespace helm::tmpl {
namespace {

// Go's limit is reachable without overflowing the native stack (recorded from Helm: the same message).
TEST(Template, DefaultDepthLimitAndDeepNesting) {
  TemplateSet set;
  ASSERT_TRUE(set.Parse("t", "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" }}").ok());
  std::string out;
  EXPECT_EQ(set.Execute("t", Value(), &out).message(),
            "template: t:1:28: executing \"r\" at <{{template \"r\" .}}>: exceeded maximum template depth (100000)");

  std::string text;
  for (int i = 0; i < 20000; ++i) text += "{{ if 1 }}(";
  text += "x";
  for (int i = 0; i < 20000; ++i) text += "{{ end }}";
  text += "{{ " + std::string(5000, '(') + "1" + std::string(5000, ')') + " }}";
  ASSERT_TRUE(set.Parse("deep", text).ok());
  out.clear();
  ASSERT_TRUE(set.Execute("deep", Value(), &out).ok());
  EXPECT_EQ(out, std::string(20000, '(') + "x1");
}

}  // namespace
}  // namespace helm::tmpl

namespace helm::tmpl {
namespace {

// Recorded from Helm: methods of common.Values.
TEST(Template, ValuesMethods) {
  Value values(ValueMap{{"m", Value(ValueMap{{"k", "v"}, {"z", 2.0}})}, {"s", "str"}, {"a", 1.0}},
               MapType::kValues);
  Value data(ValueMap{{"Values", values}});
  EXPECT_EQ(Exec("{{ .Values.Table \"m\" }}|{{ .Values.AsMap | len }}|{{ .Values.PathValue \"m.k\" }}", data),
            "map[k:v z:2]|3|v");
  EXPECT_EQ(Exec("{{ .Values.Table \"s\" }}", data),
            "|ERROR: template: t:1:10: executing \"t\" at <.Values.Table>: error calling Table: \"s\" is not a table");
  EXPECT_EQ(Exec("{{ .Values.PathValue \"m\" }}", data),
            "|ERROR: template: t:1:10: executing \"t\" at <.Values.PathValue>: error calling PathValue: \"m\" is not "
            "a value");
  EXPECT_EQ(Exec("{{ .Values.Table \"m\" \"x\" }}", data),
            "|ERROR: template: t:1:10: executing \"t\" at <.Values.Table>: wrong number of args for Table: want 1 got 2");
  Options opts;
  opts.values_yaml = [](const Value& v) -> Result<std::string> { return "yaml of " + FormatValue(v) + "\n"; };
  EXPECT_EQ(Exec("{{ .Values.YAML }}", data, opts), "yaml of map[a:1 m:map[k:v z:2] s:str]\n");
  EXPECT_EQ(Exec("{{ .Values.YAML }}", data), "<no value>");
  EXPECT_EQ(Exec("{{ .Values.Table 1 }}", data),
            "|ERROR: template: t:1:17: executing \"t\" at <1>: expected string; found 1");
}

}  // namespace
}  // namespace helm::tmpl
