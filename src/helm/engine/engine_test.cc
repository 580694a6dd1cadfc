#include "helm/engine/engine.h"

#include <gtest/gtest.h>

#include "helm/chart/loader.h"
#include "helm/engine/files.h"
#include "helm/values/dependencies.h"
#include "helm/values/render_values.h"
#include "helm/values/strvals.h"

namespace helm::engine {
namespace {

// Inputs are Go's text/template error texts; expected outputs are what reference Helm v4.2.4 printed
// after "Error: " for the same failures (see ../cli/testdata/template/fail_*.err).
TEST(ReformatExecErrorTest, HelmFourTraces) {
  struct Case {
    std::string in, want;
  };
  const Case cases[] = {
      {"template: c/templates/x.yaml:1:10: executing \"c/templates/x.yaml\" at <.Values.a.b.c>: can't evaluate "
       "field b in type interface {}",
       "c/templates/x.yaml:1:10\n  executing \"c/templates/x.yaml\" at <.Values.a.b.c>:\n    can't evaluate field "
       "b in type interface {}"},
      {"template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <required \"need x\" .Values.x>: "
       "error calling required: HELM_ERR_STARTneed xHELM_ERR_END",
       "execution error at (c/templates/x.yaml:1:3): need x"},
      {"template: c/templates/x.yaml:1:6: executing \"c/templates/x.yaml\" at <include \"g\" .>: error calling "
       "include: template: c/templates/_h.tpl:2:47: executing \"g\" at <include \"h\" .>: error calling include: "
       "template: c/templates/_h.tpl:2:10: executing \"h\" at <.Values.a.b.c>: can't evaluate field b in type "
       "interface {}",
       "c/templates/x.yaml:1:6\n  executing \"c/templates/x.yaml\" at <include \"g\" .>:\n    error calling "
       "include:\nc/templates/_h.tpl:2:47\n  executing \"g\" at <include \"h\" .>:\n    error calling "
       "include:\nc/templates/_h.tpl:2:10\n  executing \"h\" at <.Values.a.b.c>:\n    can't evaluate field b in "
       "type interface {}"},
      {"template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <include \"nope\" .>: error calling "
       "include: template: no template \"nope\" associated with template \"gotpl\"",
       "c/templates/x.yaml:1:3\n  executing \"c/templates/x.yaml\" at <include \"nope\" .>:\n    error calling "
       "include:\ntemplate: no template \"nope\" associated with template \"gotpl\""},
      // A wrapped error that is not a template error leaves the text as it is.
      {"template: c/templates/x.yaml:1:6: executing \"c/templates/x.yaml\" at <index .Values.list 3>: error "
       "calling index: index of untyped nil",
       "template: c/templates/x.yaml:1:6: executing \"c/templates/x.yaml\" at <index .Values.list 3>: error "
       "calling index: index of untyped nil"},
  };
  for (const Case& c : cases) EXPECT_EQ(ReformatExecError("c/templates/x.yaml", c.in), c.want);
}

TEST(ReformatParseErrorTest, KeepsLocationAndLastPart) {
  EXPECT_EQ(ReformatParseError("c/templates/x.yaml", "template: c/templates/x.yaml:1: function \"foo\" not defined"),
            "parse error at (c/templates/x.yaml:1): function \"foo\" not defined");
  EXPECT_EQ(ReformatParseError("c/templates/x.yaml", "odd"), "parse error in (c/templates/x.yaml): odd");
}

TEST(GlobMatchTest, GobwasSemantics) {
  struct Case {
    std::string pattern, name;
    bool want;
  };
  const Case cases[] = {
      {"files/**", "files/conf/a.txt", true},   {"files/*", "files/conf/a.txt", false},
      {"files/*", "files/token", true},         {"files/{token,conf/*}", "files/conf/x", true},
      {"files/{token,conf/*}", "files/tok", false}, {"*.yaml", "a.yaml", true},
      {"*.yaml", "dir/a.yaml", false},          {"**.yaml", "dir/a.yaml", true},
      {"file?.txt", "file1.txt", true},         {"file?.txt", "file/.txt", false},
      {"[ab].txt", "a.txt", true},              {"[!ab].txt", "a.txt", false},
      {"[a-c]x", "bx", true},                   {"\\*x", "*x", true},
  };
  for (const Case& c : cases) {
    bool valid = true;
    EXPECT_EQ(GlobMatch(c.pattern, c.name, &valid), c.want) << c.pattern << " " << c.name;
    EXPECT_TRUE(valid);
  }
}

}  // namespace
}  // namespace helm::engine

namespace helm::engine {
namespace {

// Renders testdata/charts/NAME with user values `set` (--set syntax) as helm template would.
Result<std::map<std::string, std::string>> RenderChart(const std::string& name, const std::string& set,
                                                       EngineOptions options) {
  HELM_ASSIGN_OR_RETURN(chart::Chart ch, chart::Load("testdata/charts/" + name));
  Value user = Value::EmptyMap();
  if (!set.empty()) HELM_RETURN_IF_ERROR(values::ParseSet(set, &user));
  HELM_RETURN_IF_ERROR(values::ProcessDependencies(&ch, user));
  HELM_ASSIGN_OR_RETURN(values::Capabilities caps, values::MakeCapabilities("1.33.0", {}));
  values::ReleaseOptions ro;
  ro.name = "rel";
  ro.ns = "ns";
  HELM_ASSIGN_OR_RETURN(Value rv, values::ToRenderValues(ch, user, ro, caps));
  return Render(ch, rv, options);
}

TEST(RenderTest, ScopesAndPartials) {
  auto r = RenderChart("parent", "", {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  // Partials and library templates are parsed but not rendered; NOTES are rendered (the caller drops them).
  std::vector<std::string> names;
  for (const auto& [k, _] : *r) names.push_back(k);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "parent/charts/sub/templates/NOTES.txt", "parent/charts/sub/templates/svc.yaml",
                       "parent/templates/NOTES.txt", "parent/templates/configmap.yaml", "parent/templates/empty.yaml",
                       "parent/templates/hooks.yaml", "parent/templates/multi.yaml",
                       "parent/templates/tests/test-conn.yaml"}));
  // Expected lines as reference Helm printed them (../cli/testdata/template/default.out).
  const std::string& svc = r->at("parent/charts/sub/templates/svc.yaml");
  EXPECT_NE(svc.find("  # greeting=hi-from-parent region=eu tier=back\n"), std::string::npos) << svc;
  EXPECT_NE(svc.find("  # shared=lib-version\n"), std::string::npos) << svc;
  EXPECT_EQ(r->at("parent/templates/NOTES.txt"), "Thanks for installing parent.\n");
}

TEST(RenderTest, LintModeLogsInsteadOfFailing) {
  std::vector<std::string> lines;
  EngineOptions opts;
  opts.lint_mode = true;
  opts.log = [&lines](std::string_view line) { lines.emplace_back(line); };
  auto r = RenderChart("failing", "mode=required", opts);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(lines, (std::vector<std::string>{"level=WARN msg=\"missing required value\" message=\"value x is required\""}));
  lines.clear();
  r = RenderChart("failing", "mode=fail", opts);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(lines, (std::vector<std::string>{"level=INFO msg=\"funcMap fail\" message=\"failed on purpose\""}));
}

TEST(RenderTest, StrictModeFailsOnMissingKeys) {
  EngineOptions opts;
  opts.strict = true;
  auto r = RenderChart("failing", "mode=nilpointer", opts);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("map has no entry for key \"nothing\""), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace helm::engine
