#include "helm/cli/flags.h"

#include <gtest/gtest.h>

namespace helm::cli {
namespace {

FlagSet TestFlags() {
  FlagSet f;
  f.Add("set", FlagType::kStringArray);
  f.Add("values", FlagType::kStringSlice, 'f');
  f.Add("namespace", FlagType::kString, 'n');
  f.Add("debug", FlagType::kBool);
  f.Add("generate-name", FlagType::kBool, 'g');
  f.Add("dry-run", FlagType::kString, 0, "client", "unset");
  return f;
}

TEST(FlagSetTest, ParsesForms) {
  FlagSet f = TestFlags();
  std::vector<std::string> pos;
  ASSERT_TRUE(f.Parse({"a", "--set", "x=1", "--set=y=2", "-n", "ns", "b", "-f", "a.yaml,b.yaml", "--debug",
                       "-g", "--", "--set"},
                      &pos)
                  .ok());
  EXPECT_EQ(pos, (std::vector<std::string>{"a", "b", "--set"}));
  EXPECT_EQ(f.GetStrings("set"), (std::vector<std::string>{"x=1", "y=2"}));
  EXPECT_EQ(f.GetStrings("values"), (std::vector<std::string>{"a.yaml", "b.yaml"}));
  EXPECT_EQ(f.GetString("namespace"), "ns");
  EXPECT_TRUE(f.GetBool("debug"));
  EXPECT_TRUE(f.GetBool("generate-name"));
  EXPECT_EQ(f.GetString("dry-run"), "client");
}

TEST(FlagSetTest, ShorthandForms) {
  FlagSet f = TestFlags();
  std::vector<std::string> pos;
  ASSERT_TRUE(f.Parse({"-nns1", "-gf=x.yaml", "--dry-run"}, &pos).ok());
  EXPECT_EQ(f.GetString("namespace"), "ns1");
  EXPECT_TRUE(f.GetBool("generate-name"));
  EXPECT_EQ(f.GetStrings("values"), (std::vector<std::string>{"x.yaml"}));
  EXPECT_EQ(f.GetString("dry-run"), "unset");
}

TEST(FlagSetTest, Errors) {
  struct Case {
    std::vector<std::string> args;
    std::string error;
  };
  const Case cases[] = {
      {{"--bogus"}, "unknown flag: --bogus"},
      {{"--bogus=1"}, "unknown flag: --bogus"},
      {{"-x"}, "unknown shorthand flag: 'x' in -x"},
      {{"--set"}, "flag needs an argument: --set"},
      {{"-n"}, "flag needs an argument: 'n' in -n"},
      {{"--debug=maybe"},
       "invalid argument \"maybe\" for \"--debug\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"},
  };
  for (const Case& c : cases) {
    FlagSet f = TestFlags();
    std::vector<std::string> pos;
    Status st = f.Parse(c.args, &pos);
    EXPECT_FALSE(st.ok()) << c.args[0];
    EXPECT_EQ(st.message(), c.error);
  }
}

}  // namespace
}  // namespace helm::cli
