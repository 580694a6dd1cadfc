#include "helm/base/semver.h"

#include <gtest/gtest.h>

namespace helm {
namespace {

bool Satisfies(const char* constraint, const char* version) {
  auto c = SemConstraints::Parse(constraint);
  auto v = ParseSemVersion(version);
  EXPECT_TRUE(c.ok()) << constraint;
  EXPECT_TRUE(v.ok()) << version;
  return c.ok() && v.ok() && c->Check(*v);
}

TEST(SemverTest, ParsesWithCoercion) {
  auto v = ParseSemVersion("v1.2");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->String(), "1.2.0");
  EXPECT_FALSE(ParseSemVersion("one").ok());
}

TEST(SemverTest, OrdersPrereleasesBeforeReleases) {
  EXPECT_LT(ParseSemVersion("1.0.0-rc.1")->Compare(*ParseSemVersion("1.0.0")), 0);
  EXPECT_LT(ParseSemVersion("1.0.0-alpha")->Compare(*ParseSemVersion("1.0.0-beta")), 0);
  EXPECT_EQ(ParseSemVersion("1.0.0+a")->Compare(*ParseSemVersion("1.0.0+b")), 0);
}

TEST(SemverTest, Constraints) {
  EXPECT_TRUE(Satisfies("^1.2", "1.9.0"));
  EXPECT_FALSE(Satisfies("^1.2", "2.0.0"));
  EXPECT_TRUE(Satisfies("~1.2.3", "1.2.9"));
  EXPECT_FALSE(Satisfies("~1.2.3", "1.3.0"));
  EXPECT_TRUE(Satisfies(">= 1.0, < 2", "1.5.0"));
  EXPECT_TRUE(Satisfies("1.x || 3.1 - 3.3", "3.2.0"));
  EXPECT_TRUE(Satisfies("2.x.x", "2.31.10"));
  EXPECT_FALSE(Satisfies(">=1.0.0", "1.1.0-rc.1"));  // prereleases need a prerelease in the constraint
  EXPECT_FALSE(SemConstraints::Parse("foo bar").ok());
}

}  // namespace
}  // namespace helm
