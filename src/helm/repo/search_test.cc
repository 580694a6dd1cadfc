#include "helm/repo/search.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "helm/base/fs.h"
#include "helm/repo/repo.h"
#include "helm/yaml/yaml.h"

namespace helm::repo {
namespace {

// `helm search repo -o json` formatting of results.
std::string ToHelmJson(const std::vector<SearchResult>& res) {
  std::string s = "[";
  for (size_t i = 0; i < res.size(); ++i) {
    if (i) s += ",";
    const auto& md = res[i].chart->metadata;
    s += "{\"name\":" + yaml::ToJson(Value(res[i].name)) + ",\"version\":" + yaml::ToJson(Value(md.version)) +
         ",\"app_version\":" + yaml::ToJson(Value(md.app_version)) +
         ",\"description\":" + yaml::ToJson(Value(md.description)) + "}";
  }
  return s + "]\n";
}

// Goldens in testdata/search were recorded by testdata/record.sh with the reference helm over the Bitnami
// index ("bitnami") and testdata/golden-index-url.yaml ("myrepo"); the cases here mirror its `search` lines.
TEST(SearchRepo, MatchesHelm) {
  const std::string gz = "/work/shared/bench-data/bitnami-full-index.yaml.gz";
  if (!PathExists(gz)) GTEST_SKIP() << "no " << gz;
  char tmpl[] = "/tmp/search_test_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::string path = dir + "/bitnami-index.yaml";
  ASSERT_EQ(std::system(("gzip -dc " + gz + " > " + path).c_str()), 0);
  auto bitnami = LoadIndexCached(path);
  ASSERT_TRUE(bitnami.ok()) << bitnami.status().message();
  auto mine = LoadIndexFile("testdata/golden-index-url.yaml");
  ASSERT_TRUE(mine.ok());

  struct Case {
    std::string golden, keyword;
    SearchOptions opts;
  } cases[] = {
      {"redis", "redis", {}},
      {"regexp-reds", "red.s", {.regexp = true}},
      {"postgres-versions", "postgresql", {.versions = true, .version = "^15"}},
      {"devel-database", "database", {.devel = true}},
      {"sql", "sql", {}},
      {"all", "", {}},
      // myrepo's charts (testdata/chart-src): a match in the name, the description and the keywords.
      {"libkit", "libkit", {}},
      {"description-kubelet", "kubelet", {}},
      {"keyword-workflow", "workflow", {}},
      // webapp 1.5.0-rc.1 is a prerelease: only --devel shows it.
      {"webapp-versions", "webapp", {.versions = true}},
      {"webapp-devel", "webapp", {.devel = true}},
      {"webapp-devel-versions", "webapp", {.versions = true, .devel = true}},
      {"regexp-mine", "myrepo/(web|lib)[a-z]+", {.regexp = true}},
  };
  for (const auto& c : cases) {
    IndexFile b = *bitnami, m = *mine;
    auto res = SearchRepositories({{"bitnami", &b}, {"myrepo", &m}}, c.keyword, c.opts);
    ASSERT_TRUE(res.ok()) << c.golden << ": " << res.status().message();
    auto want = ReadFile("testdata/search/" + c.golden + ".json");
    ASSERT_TRUE(want.ok());
    EXPECT_EQ(ToHelmJson(*res), *want) << c.golden;
  }
  IndexFile b = *bitnami;
  auto bad = SearchRepositories({{"bitnami", &b}}, "redis", {.version = "!!"});
  EXPECT_EQ(bad.status().message(), "an invalid version/constraint format: improper constraint: \"!!\"");
  auto badre = SearchRepositories({{"bitnami", &b}}, "a(", {.regexp = true});
  EXPECT_EQ(badre.status().message(), "error parsing regexp: missing closing ): `a(`");
  std::system(("rm -rf " + dir).c_str());
}

}  // namespace
}  // namespace helm::repo
