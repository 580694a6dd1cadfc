// Unit tests of the helpers behind the offline commands (show, create, package, env, dependency list).
// Whole-command behaviour is checked against real Helm by tests/cli.
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "helm/action/create.h"
#include "helm/action/dependency.h"
#include "helm/action/env.h"
#include "helm/action/package.h"
#include "helm/action/show.h"

namespace helm::action {
namespace {

TEST(OfflineTest, CleanPath) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "."},          {".", "."},           {"a/b/../c", "a/c"},   {"/a/./b/", "/a/b"},
      {"../../x", "../../x"}, {"/../x", "/x"},  {"a//b", "a/b"},       {"a/..", "."},
      {"/", "/"},         {"testdata/full/", "testdata/full"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(CleanPath(in), want) << in;
}

TEST(OfflineTest, BaseAndDirName) {
  struct Case {
    std::string path, base, dir;
  };
  const std::vector<Case> cases = {
      {"mychart", "mychart", "."},      {"a/b/mychart", "mychart", "a/b"}, {"mychart/", "mychart", "mychart"},
      {"/abs/chart", "chart", "/abs"},  {"/chart", "chart", "/"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(BaseName(c.path), c.base) << c.path;
    EXPECT_EQ(DirName(c.path), c.dir) << c.path;
  }
}

TEST(OfflineTest, StrictSemver) {
  for (const char* ok : {"1.2.3", "0.0.0", "1.0.0-rc.1", "1.0.0+build.5", "1.0.0-alpha-1+x", "10.20.30"}) {
    EXPECT_TRUE(IsStrictSemver(ok)) << ok;
  }
  for (const char* bad : {"v1.2.3", "1.2", "1", "01.2.3", "1.2.3-01", "1.2.3-", "1.2.3+", "1.2.3.4", "a.b.c", ""}) {
    EXPECT_FALSE(IsStrictSemver(bad)) << bad;
  }
}

TEST(OfflineTest, FormatTablePadsAndTruncates) {
  const std::vector<std::vector<std::string>> rows = {{"NAME", "STATUS"}, {"a", "ok"}, {"longname", "missing"}};
  EXPECT_EQ(FormatTable(rows), "NAME    \tSTATUS \na       \tok     \nlongname\tmissing");
  EXPECT_EQ(FormatTable(rows, 5), "NAME \tST...\na    \tok   \nlo...\tmi...");
}

TEST(OfflineTest, EnvVarsFromEnvironmentAndFlags) {
  ::setenv("HOME", "/home/u", 1);
  ::unsetenv("HELM_CACHE_HOME");
  ::unsetenv("HELM_CONFIG_HOME");
  ::unsetenv("HELM_DATA_HOME");
  ::unsetenv("HELM_NAMESPACE");
  ::setenv("XDG_CACHE_HOME", "/xdg/cache", 1);
  ::unsetenv("XDG_CONFIG_HOME");
  ::unsetenv("XDG_DATA_HOME");
  ::setenv("HELM_QPS", "2.5", 1);
  auto env = EnvVars({{"namespace", "kube-system"}, {"debug", "true"}}, "/bin/helm");
  EXPECT_EQ(env["HELM_BIN"], "/bin/helm");
  EXPECT_EQ(env["HELM_CACHE_HOME"], "/xdg/cache/helm");
  EXPECT_EQ(env["HELM_CONFIG_HOME"], "/home/u/.config/helm");
  EXPECT_EQ(env["HELM_DATA_HOME"], "/home/u/.local/share/helm");
  EXPECT_EQ(env["HELM_PLUGINS"], "/home/u/.local/share/helm/plugins");
  EXPECT_EQ(env["HELM_REPOSITORY_CACHE"], "/xdg/cache/helm/repository");
  EXPECT_EQ(env["HELM_NAMESPACE"], "kube-system");
  EXPECT_EQ(env["HELM_DEBUG"], "true");
  EXPECT_EQ(env["HELM_QPS"], "2.50");
  EXPECT_EQ(env["HELM_MAX_HISTORY"], "10");
  EXPECT_EQ(env.count("KUBECONFIG"), 0u);
  ::unsetenv("HELM_QPS");
  ::unsetenv("XDG_CACHE_HOME");
}

TEST(OfflineTest, LocateLocalChartErrors) {
  struct Case {
    std::string name, want;
  };
  const std::vector<Case> cases = {
      {"/no/such/chart", "path \"/no/such/chart\" not found"},
      {"./nope", "path \"./nope\" not found"},
      {"nope", "non-absolute URLs should be in form of repo_name/path_to_chart, got: nope"},
      {"myrepo/chart", "repo myrepo not found"},
  };
  for (const Case& c : cases) {
    Result<std::string> r = LocateLocalChart(c.name, "/no/such/repositories.yaml");
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().message(), c.want);
  }
}

}  // namespace
}  // namespace helm::action
