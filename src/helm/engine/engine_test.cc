#include "helm/engine/engine.h"

#include <gtest/gtest.h>

#include "helm/engine/files.h"

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
