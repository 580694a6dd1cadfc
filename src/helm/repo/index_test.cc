#include "helm/repo/index.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <regex>

#include "helm/base/fs.h"

namespace helm::repo {
namespace {

std::string Read(const std::string& p) {
  auto r = ReadFile(p);
  EXPECT_TRUE(r.ok()) << p;
  return r.ok() ? *r : "";
}

// Replaces every RFC 3339 timestamp with a fixed text (goldens were recorded at another time).
std::string NormalizeTimes(const std::string& s) {
  static const std::regex re(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)");
  return std::regex_replace(s, re, "TIME");
}

std::string TempDir() {
  char tmpl[] = "/tmp/repo_test_XXXXXX";
  char* d = mkdtemp(tmpl);
  return d ? d : "";
}

TEST(LoadIndex, HelmRules) {
  std::vector<std::string> logs;
  LoadIndexOptions opts;
  opts.source = "inv.yaml";
  opts.log = [&](std::string_view l) { logs.emplace_back(l); };
  auto r = LoadIndex(Read("testdata/inv.yaml"), opts);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const auto& foo = r->entries.at("foo");
  ASSERT_EQ(foo.size(), 3u);
  EXPECT_EQ(foo[0].version(), "1.10");
  EXPECT_EQ(foo[1].version(), "1.3.0-rc1");
  EXPECT_EQ(foo[2].version(), "1.2.0");
  EXPECT_EQ(foo[2].created, "2020-01-01T00:00:00Z");
  EXPECT_EQ(foo[0].metadata.api_version, "v1");
  // The warnings real Helm printed for this file (same order: it walks each list from the end).
  std::vector<std::string> want = {
      R"(level=WARN msg="skipping loading invalid entry for chart \"foo\" \"2.0.0\" from inv.yaml: validation: chart.metadata.name is required")",
      R"(level=WARN msg="skipping loading invalid entry for chart \"foo\" from inv.yaml: empty entry")",
      R"(level=WARN msg="skipping loading invalid entry for chart \"foo\" \"notsemver\" from inv.yaml: validation: chart.metadata.version \"notsemver\" is invalid")",
  };
  EXPECT_EQ(logs, want);
}

TEST(LoadIndex, Errors) {
  struct Case {
    std::string file, want;
  } cases[] = {
      {"testdata/bad.yaml", "error loading testdata/bad.yaml: error unmarshaling JSON: while decoding JSON: json: unknown field \"bogus\""},
      {"testdata/noapi.yaml", "error loading testdata/noapi.yaml: no API version specified"},
  };
  for (const auto& c : cases) {
    auto r = LoadIndexFile(c.file);
    ASSERT_FALSE(r.ok()) << c.file;
    EXPECT_EQ(r.status().message(), c.want);
  }
  EXPECT_EQ(LoadIndex("").status().message(), "empty index.yaml file");
  auto num = LoadIndex("apiVersion: v1\nentries:\n  foo:\n  - name: foo\n    version: 1.10\n");
  EXPECT_EQ(num.status().message(),
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field "
            "ChartVersion.entries.Metadata.version of type string");
  auto syn = LoadIndex("apiVersion: v1\nentries: [\n");
  EXPECT_FALSE(syn.ok());
  EXPECT_TRUE(syn.status().message().starts_with("error converting YAML to JSON: yaml: ")) << syn.status().message();
}

TEST(LoadIndex, AnchorsFallBackToGenericPath) {
  auto r = LoadIndex(
      "apiVersion: v1\nentries:\n  a:\n  - &x\n    name: a\n    version: 1.0.0\n    keywords: [k]\n  b:\n  - name: b\n    "
      "version: 2.0.0\n    keywords: *kw\n");
  EXPECT_FALSE(r.ok());  // unknown alias
  auto ok = LoadIndex(
      "apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    keywords: &kw [k1, k2]\n  b:\n  - name: b\n    "
      "version: 2.0.0\n    keywords: *kw\n");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->entries.at("b")[0].metadata.keywords, (std::vector<std::string>{"k1", "k2"}));
}

TEST(Get, HelmSemantics) {
  auto r = LoadIndex(
      "apiVersion: v1\nentries:\n  foo:\n  - {name: foo, version: 1.0.0}\n  - {name: foo, version: 2.0.0-rc1}\n  - {name: foo, "
      "version: 1.5.0}\n  - {name: foo, version: v1.6.0}\n  empty: []\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  struct Case {
    std::string name, version, want, err;
  } cases[] = {
      {"foo", "", "v1.6.0", ""},
      {"foo", "1.0.0", "1.0.0", ""},
      {"foo", "v1.6.0", "v1.6.0", ""},
      {"foo", "1.6.0", "v1.6.0", ""},
      {"foo", "^1.0", "v1.6.0", ""},
      {"foo", "~1.5", "1.5.0", ""},
      {"foo", ">=2.0.0-0", "2.0.0-rc1", ""},
      {"foo", "3.0.0", "", "no chart version found for foo-3.0.0"},
      {"bar", "", "", "no chart name found"},
      {"empty", "", "", "no chart version found"},
      {"foo", "!!", "", "improper constraint: \"!!\""},
  };
  for (const auto& c : cases) {
    auto g = r->Get(c.name, c.version);
    if (c.err.empty()) {
      ASSERT_TRUE(g.ok()) << c.name << " " << c.version << ": " << g.status().message();
      EXPECT_EQ((*g)->version(), c.want) << c.version;
    } else {
      ASSERT_FALSE(g.ok()) << c.version;
      EXPECT_EQ(g.status().message(), c.err);
    }
  }
}

// `helm repo index` outputs recorded from the reference helm (see testdata/README).
TEST(RepoIndex, MatchesHelm) {
  struct Case {
    std::string golden;
    RepoIndexOptions opts;
  } cases[] = {
      {"testdata/golden-index-url.yaml", {.base_url = "https://example.com/charts"}},
      {"testdata/golden-index-nourl.yaml", {}},
      {"testdata/golden-index.json", {.json = true}},
      {"testdata/golden-index-merge.yaml",
       {.base_url = "https://example.com/charts", .merge_from = "testdata/merge-base.yaml"}},
  };
  for (auto& c : cases) {
    std::string dir = TempDir();
    ASSERT_EQ(std::system(("cp -r testdata/charts/. " + dir).c_str()), 0);
    c.opts.created = "2026-01-02T03:04:05.123Z";
    Status st = RepoIndex(dir, c.opts);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(NormalizeTimes(Read(dir + "/index.yaml")), NormalizeTimes(Read(c.golden))) << c.golden;
    // What we write loads back to the same index.
    auto back = LoadIndexFile(dir + "/index.yaml");
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(back->entries.size(), c.opts.merge_from.empty() ? 3u : 4u);
    std::system(("rm -rf " + dir).c_str());
  }
}

TEST(LoadIndex, JsonAndYamlAgree) {
  auto y = LoadIndexFile("testdata/golden-index-url.yaml");
  auto j = LoadIndexFile("testdata/golden-index.json");
  ASSERT_TRUE(y.ok()) << y.status().message();
  ASSERT_TRUE(j.ok()) << j.status().message();
  y->generated = j->generated = "";
  std::string ys = NormalizeTimes(MarshalIndexYaml(*y)), js = NormalizeTimes(MarshalIndexYaml(*j));
  // Only the urls differ (the JSON golden has no --url).
  EXPECT_EQ(std::regex_replace(ys, std::regex("https://example.com/charts/"), ""), js);
}

long MaxRssKb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

double CpuMs() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

TEST(LoadIndex, BigBitnamiIndex) {
  const std::string gz = "/work/shared/bench-data/bitnami-full-index.yaml.gz";
  if (!PathExists(gz)) GTEST_SKIP() << "no " << gz;
  std::string dir = TempDir();
  std::string path = dir + "/bitnami-index.yaml";
  ASSERT_EQ(std::system(("gzip -dc " + gz + " > " + path).c_str()), 0);
  std::string bytes = Read(path);
  long rss0 = MaxRssKb();
  double cpu0 = CpuMs();
  auto t0 = std::chrono::steady_clock::now();
  auto r = LoadIndex(bytes);
  auto t1 = std::chrono::steady_clock::now();
  double cpu = CpuMs() - cpu0;
  ASSERT_TRUE(r.ok()) << r.status().message();
  size_t versions = 0;
  for (const auto& [n, v] : r->entries) versions += v.size();
  std::printf("bitnami index: %zu bytes, %zu charts, %zu versions, load %.0f ms wall, %.0f ms CPU, max RSS %ld -> %ld KiB\n",
              bytes.size(), r->entries.size(), versions,
              std::chrono::duration<double, std::milli>(t1 - t0).count(), cpu, rss0, MaxRssKb());
  auto nginx = r->Get("nginx", "");
  ASSERT_TRUE(nginx.ok());
  EXPECT_FALSE((*nginx)->urls.empty());
  std::system(("rm -rf " + dir).c_str());
}

}  // namespace
}  // namespace helm::repo
