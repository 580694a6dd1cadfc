#include "helm/values/coalesce.h"

#include <gtest/gtest.h>

#include "helm/values/strvals.h"
#include "helm/values/test_util.h"

namespace helm::values {
namespace {

using testing::J;
using testing::LogCapture;
using testing::MakeChart;

// testdata/coalesce/parent, rendered by the reference helm with `{{ .Values }}` in both charts.
chart::Chart Parent() {
  chart::Chart p = MakeChart("parent", R"({"a": 1, "m": {"x": 1, "n": null, "deep": {"k": "v"}}, "nul": null,
      "global": {"g1": "pg", "gm": {"p": 1}}, "sub": {"s1": "parent-override", "sm": {"true": 2}},
      "lst": [1, 2], "tbl": {"t": 1}})");
  p.AddDependency(MakeChart("sub", R"({"s1": "sub", "s2": "sub2", "sm": {"x": 1, "true": 1},
      "global": {"g1": "sg", "g2": "sg2", "gm": {"q": 2}}})"));
  return p;
}

TEST(CoalesceTest, DefaultsOnly) {
  chart::Chart p = Parent();
  Value before = p.values.DeepCopy();
  LogCapture log;
  Result<Value> v = CoalesceValues(p, Value::EmptyMap(), log.Fn());
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(internal::FormatGo(*v),
            "map[a:1 global:map[g1:pg gm:map[p:1]] lst:[1 2] m:map[deep:map[k:v] x:1] sub:map[global:map[g1:pg "
            "g2:sg2 gm:map[p:1 q:2]] s1:parent-override s2:sub2 sm:map[true:2 x:1]] tbl:map[t:1]]");
  EXPECT_EQ(v->map_type(), MapType::kValues);
  EXPECT_TRUE(log.lines.empty());
  EXPECT_TRUE(p.values == before) << "chart defaults must not be mutated";
}

TEST(CoalesceTest, UserOverridesNullsAndWarnings) {
  chart::Chart p = Parent();
  Value user = Value::EmptyMap();
  ASSERT_TRUE(ParseSet("m.x=null,a=null,sub.s2=null,m.deep=5,lst.x=1,global.g3=u,tbl=3,sub.sm=7", &user).ok());
  Value user_before = user.DeepCopy();
  LogCapture log;
  Result<Value> v = CoalesceValues(p, user, log.Fn());
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(internal::FormatGo(*v),
            "map[global:map[g1:pg g3:u gm:map[p:1]] lst:map[x:1] m:map[deep:5] sub:map[global:map[g1:pg g2:sg2 "
            "g3:u gm:map[p:1 q:2]] s1:parent-override sm:7] tbl:3]");
  EXPECT_EQ(log.Sorted(), (std::vector<std::string>{
                              "level=INFO msg=\"warning: cannot overwrite table with non table for parent.m.deep "
                              "(map[k:v])\"",
                              "level=INFO msg=\"warning: cannot overwrite table with non table for parent.sub.sm "
                              "(map[true:2])\"",
                              "level=INFO msg=\"warning: skipped value for parent.lst: Not a table.\"",
                          }));
  EXPECT_TRUE(user == user_before) << "user values must not be mutated";
}

TEST(CoalesceTest, TypeMismatchOnSubchart) {
  chart::Chart p = Parent();
  Value user = Value::EmptyMap();
  ASSERT_TRUE(ParseSet("sub=5", &user).ok());
  Result<Value> v = CoalesceValues(p, user, LogFn());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(), "type mismatch on sub: %!t(int64=5)");
}

}  // namespace
}  // namespace helm::values
