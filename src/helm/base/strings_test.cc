#include "helm/base/strings.h"

#include <gtest/gtest.h>

namespace helm {
namespace {

TEST(FormatFloatTest, ShortestG) {
  EXPECT_EQ(FormatFloat(1000000, 'g', -1), "1e+06");
  EXPECT_EQ(FormatFloat(100000, 'g', -1), "100000");
  EXPECT_EQ(FormatFloat(8080, 'g', -1), "8080");
  EXPECT_EQ(FormatFloat(0.5, 'g', -1), "0.5");
  EXPECT_EQ(FormatFloat(0.0001, 'g', -1), "0.0001");
  EXPECT_EQ(FormatFloat(0.00001, 'g', -1), "1e-05");
  EXPECT_EQ(FormatFloat(123456789, 'g', -1), "1.23456789e+08");
  EXPECT_EQ(FormatFloat(0, 'g', -1), "0");
  EXPECT_EQ(FormatFloat(-2.5, 'g', -1), "-2.5");
  EXPECT_EQ(FormatFloat(1e21, 'g', -1), "1e+21");
}

TEST(FormatFloatTest, FixedAndExp) {
  EXPECT_EQ(FormatFloat(3.14159, 'f', 2), "3.14");
  EXPECT_EQ(FormatFloat(2, 'f', -1), "2");
  EXPECT_EQ(FormatFloat(1e6, 'f', -1), "1000000");
  EXPECT_EQ(FormatFloat(0.000125, 'f', -1), "0.000125");
  EXPECT_EQ(FormatFloat(1234.5678, 'e', 3), "1.235e+03");
  EXPECT_EQ(FormatFloat(1234.5678, 'e', -1), "1.2345678e+03");
  EXPECT_EQ(FormatFloat(1.0, 'g', 5), "1");
  EXPECT_EQ(FormatFloat(123456, 'g', 3), "1.23e+05");
}

TEST(GoQuoteTest, Escapes) {
  EXPECT_EQ(GoQuote("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
  EXPECT_EQ(GoQuote("\x01"), "\"\\x01\"");
  EXPECT_EQ(GoQuote("h\xc3\xa9"), "\"h\xc3\xa9\"");
  EXPECT_EQ(GoQuote("\xff"), "\"\\xff\"");
}

TEST(GoUnquoteTest, Literals) {
  std::string out;
  ASSERT_TRUE(GoUnquote("\"a\\tb\\u00e9\"", &out));
  EXPECT_EQ(out, "a\tb\xc3\xa9");
  ASSERT_TRUE(GoUnquote("`raw\\n`", &out));
  EXPECT_EQ(out, "raw\\n");
  EXPECT_FALSE(GoUnquote("\"bad\\q\"", &out));
}

TEST(SplitTest, GoSemantics) {
  EXPECT_EQ(Split("", ","), std::vector<std::string>{""});
  EXPECT_EQ(Split("a,b,", ","), (std::vector<std::string>{"a", "b", ""}));
  EXPECT_EQ(TrimSpace("  x y \n"), "x y");
}

TEST(CleanPathTest, GoPathClean) {
  EXPECT_EQ(CleanPath(""), ".");
  EXPECT_EQ(CleanPath("a/../b/./c/"), "b/c");
  EXPECT_EQ(CleanPath("../../x"), "../../x");
  EXPECT_EQ(CleanPath("/../x//y"), "/x/y");
  EXPECT_EQ(CleanPath("a/.."), ".");
  EXPECT_EQ(CleanPath("/"), "/");
}

}  // namespace
}  // namespace helm
