#include "helm/value/value.h"

#include <gtest/gtest.h>

namespace helm {
namespace {

TEST(ValueTest, KindsAndTypeNames) {
  EXPECT_EQ(Value().TypeName(), "<nil>");
  EXPECT_EQ(Value(1).TypeName(), "int");
  EXPECT_EQ(Value::Int64(1).TypeName(), "int64");
  EXPECT_EQ(Value(1.5).TypeName(), "float64");
  EXPECT_EQ(Value("s").TypeName(), "string");
  EXPECT_EQ(Value(ValueList{}).TypeName(), "[]interface {}");
  EXPECT_EQ(Value(ValueList{}, ListType::kString).TypeName(), "[]string");
  EXPECT_EQ(Value::EmptyMap().TypeName(), "map[string]interface {}");
  EXPECT_TRUE(Value("x").is_string());  // a const char* must never become a bool
}

TEST(ValueTest, TruthFollowsGo) {
  EXPECT_FALSE(Value().Truth());
  EXPECT_FALSE(Value(0).Truth());
  EXPECT_FALSE(Value(0.0).Truth());
  EXPECT_FALSE(Value("").Truth());
  EXPECT_FALSE(Value(ValueList{}).Truth());
  EXPECT_TRUE(Value(ValueList{Value()}).Truth());
  EXPECT_TRUE(Value("0").Truth());
}

TEST(ValueTest, MapsHaveReferenceSemantics) {
  Value m = Value::EmptyMap();
  Value alias = m;
  alias.mutable_map()["k"] = Value("v");
  ASSERT_NE(m.Find("k"), nullptr);
  EXPECT_EQ(m.Find("k")->as_string(), "v");
  Value copy = m.DeepCopy();
  copy.mutable_map()["k"] = Value(2);
  EXPECT_EQ(m.Find("k")->as_string(), "v");
}

TEST(ValueTest, EqualityDistinguishesIntAndFloat) {
  EXPECT_FALSE(Value(1) == Value(1.0));
  EXPECT_TRUE(Value(ValueList{Value(1), Value("a")}) == Value(ValueList{Value(1), Value("a")}));
}

}  // namespace
}  // namespace helm
