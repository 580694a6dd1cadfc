#include "helm/values/dependencies.h"

#include <gtest/gtest.h>

#include "helm/values/coalesce.h"
#include "helm/values/strvals.h"
#include "helm/values/test_util.h"

namespace helm::values {
namespace {

using testing::J;
using testing::LogCapture;
using testing::MakeChart;

chart::Dependency Dep(std::string name, std::string version, std::string condition = "", std::string alias = "") {
  chart::Dependency d;
  d.name = std::move(name);
  d.version = std::move(version);
  d.condition = std::move(condition);
  d.alias = std::move(alias);
  return d;
}

// The tree of testdata/deps/parent (YAML 1.1 keys already resolved: `on` is "true", `n` is "false").
chart::Chart Parent() {
  chart::Chart inner = MakeChart("inner", R"({"iv": 1})");
  inner.metadata.version = "2.0.0";
  chart::Chart sub = MakeChart("sub", R"({"enabled": true, "exports": {"data": {"fromExport": 1},
      "other": {"keep": "child", "extra": 2}}, "nested": {"false": 1}, "inner": {"true": "yes"}})");
  sub.metadata.version = "0.1.5";
  sub.metadata.dependencies.push_back(Dep("inner", "*", "inner.on"));
  sub.AddDependency(std::move(inner));
  chart::Chart lib = MakeChart("lib", R"({"libval": 1})");
  lib.metadata.version = "1.0.0";
  lib.metadata.type = "library";

  chart::Chart p = MakeChart("parent", R"({"global": {"g": "parent"}, "tags": {"extra": false},
      "sub2": {"enabled": true}, "fromOther": {"keep": "parent"}})");
  chart::Dependency d1 = Dep("sub", ">=0.1.0", "sub.enabled,global.subEnabled");
  d1.import_values = J(R"(["data", {"child": "exports.other", "parent": "fromOther"},
      {"child": "nested", "parent": "imported.deep"}])")
                         .as_list();
  chart::Dependency d2 = Dep("sub", "~0.1", "sub2.enabled", "sub2");
  d2.tags = {"extra"};
  p.metadata.dependencies = {d1, d2, Dep("lib", "1.0.0")};
  p.AddDependency(std::move(sub));
  p.AddDependency(std::move(lib));
  return p;
}

std::string Names(const chart::Chart& c) {
  std::string out;
  for (const chart::Chart& d : c.dependencies) {
    out += d.Name() + "(" + Names(d) + ")";
  }
  return out;
}

TEST(DependenciesTest, AliasesConditionsTagsImports) {
  chart::Chart p = Parent();
  LogCapture log;
  ASSERT_TRUE(ProcessDependencies(&p, Value::EmptyMap(), log.Fn()).ok());
  EXPECT_EQ(Names(p), "sub(inner())sub2(inner())lib()");
  Result<Value> v = CoalesceValues(p, Value::EmptyMap(), log.Fn());
  ASSERT_TRUE(v.ok());
  // Recorded from the reference helm: {{ .Values }} in the parent.
  EXPECT_EQ(internal::FormatGo(*v),
            "map[fromExport:1 fromOther:map[extra:2 keep:parent] global:map[g:parent] imported:map[deep:map[false:1]] "
            "lib:map[global:map[g:parent] libval:1] sub:map[enabled:true exports:map[data:map[fromExport:1] "
            "other:map[extra:2 keep:child]] global:map[g:parent] inner:map[global:map[g:parent] iv:1 true:yes] "
            "nested:map[false:1]] sub2:map[enabled:true exports:map[data:map[fromExport:1] other:map[extra:2 "
            "keep:child]] global:map[g:parent] inner:map[global:map[g:parent] iv:1 true:yes] nested:map[false:1]] "
            "tags:map[extra:false]]");
  ASSERT_EQ(p.metadata.dependencies.size(), 3u);
  EXPECT_EQ(p.metadata.dependencies[1].name, "sub2");
  EXPECT_EQ(internal::FormatGo(Value(p.metadata.dependencies[0].import_values)),
            "[map[child:exports.data parent:.] map[child:exports.other parent:fromOther] map[child:nested "
            "parent:imported.deep]]");
  EXPECT_TRUE(p.metadata.dependencies[1].import_values.empty());
  EXPECT_TRUE(log.lines.empty());
}

TEST(DependenciesTest, DisabledByConditionAndEnabledByTag) {
  chart::Chart p = Parent();
  Value user = Value::EmptyMap();
  ASSERT_TRUE(ParseSet("tags.extra=true,sub.enabled=false,global.subEnabled=true,sub.inner.on=true", &user).ok());
  LogCapture log;
  ASSERT_TRUE(ProcessDependencies(&p, user, log.Fn()).ok());
  EXPECT_EQ(Names(p), "sub2(inner())lib()");
  Result<Value> v = CoalesceValues(p, user, log.Fn());
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(internal::FormatGo(*v),
            "map[fromOther:map[keep:parent] global:map[g:parent subEnabled:true] lib:map[global:map[g:parent "
            "subEnabled:true] libval:1] sub:map[enabled:false inner:map[on:true]] sub2:map[enabled:true "
            "exports:map[data:map[fromExport:1] other:map[extra:2 keep:child]] global:map[g:parent subEnabled:true] "
            "inner:map[global:map[g:parent subEnabled:true] iv:1 true:yes] nested:map[false:1]] "
            "tags:map[extra:true]]");
}

TEST(DependenciesTest, NonBoolConditionWarns) {
  chart::Chart p = MakeChart("parent", R"({"sub": {"enabled": "yes"}})");
  p.metadata.dependencies = {Dep("sub", "0.1.0", "sub.enabled")};
  p.AddDependency(MakeChart("sub"));
  LogCapture log;
  ASSERT_TRUE(ProcessDependencies(&p, Value::EmptyMap(), log.Fn()).ok());
  EXPECT_EQ(Names(p), "sub()");
  EXPECT_EQ(log.lines, std::vector<std::string>{"level=WARN msg=\"returned non-bool value\" path=sub.enabled chart=sub"});
}

TEST(DependenciesTest, TableAndPathValue) {
  Value v = J(R"({"a": {"b": {"c": 1}}, "s": "x"})");
  EXPECT_EQ(internal::FormatGo(*Table(v, "a.b")), "map[c:1]");
  EXPECT_EQ(Table(v, "a.x").status().message(), "\"x\" is not a table");
  EXPECT_EQ(Table(v, "s").status().message(), "\"s\" is not a table");
  EXPECT_EQ(internal::FormatGo(*PathValue(v, "a.b.c")), "1");
  EXPECT_EQ(PathValue(v, "a.b").status().message(), "\"b\" is not a value");
  EXPECT_EQ(internal::FormatGo(*PathValue(v, "s")), "x");
}

}  // namespace
}  // namespace helm::values
