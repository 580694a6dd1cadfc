// Goldens in testdata/full.* were produced by the reference helm v4.2.4 (`helm package testdata/full`).
#include "helm/chart/save.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "helm/base/fs.h"
#include "helm/chart/create.h"
#include "helm/chart/loader.h"

namespace helm::chart {
namespace {

LoadOptions Quiet() {
  LoadOptions o;
  o.log = nullptr;
  return o;
}

std::string Slurp(const std::string& path) {
  Result<std::string> r = ReadFile(path);
  EXPECT_TRUE(r.ok()) << path;
  return r.ok() ? *r : "";
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

TEST(SaveTest, ChartfileAndLockAsHelmPackageWritesThem) {
  Result<Chart> c = LoadDir("testdata/full", Quiet());
  ASSERT_TRUE(c.ok()) << c.status().message();
  Result<std::string> cy = MarshalChartfile(c->metadata);
  ASSERT_TRUE(cy.ok()) << cy.status().message();
  EXPECT_EQ(*cy, Slurp("testdata/full.Chart.yaml.golden"));
  ASSERT_NE(c->lock, nullptr);
  Result<std::string> lock = MarshalLock(*c->lock);
  ASSERT_TRUE(lock.ok()) << lock.status().message();
  EXPECT_EQ(*lock, Slurp("testdata/full.Chart.lock.golden"));
}

TEST(SaveTest, V1DependenciesStayOutOfChartYaml) {
  Metadata md;
  md.api_version = "v1";
  md.name = "old";
  md.version = "1.0.0";
  Dependency d;
  d.name = "dep";
  md.dependencies.push_back(d);
  EXPECT_EQ(*MarshalChartfile(md), "apiVersion: v1\nname: old\nversion: 1.0.0\n");
  EXPECT_EQ(*MarshalMetadata(md),
            "apiVersion: v1\ndependencies:\n- name: dep\n  repository: \"\"\nname: old\nversion: 1.0.0\n");
}

TEST(SaveTest, ArchiveRoundTrip) {
  Result<Chart> c = LoadDir("testdata/full", Quiet());
  ASSERT_TRUE(c.ok()) << c.status().message();
  Result<std::string> tgz = ArchiveBytes(*c);
  ASSERT_TRUE(tgz.ok()) << tgz.status().message();
  EXPECT_EQ(tgz->substr(0, 16), std::string("\x1f\x8b\x08\x14\0\0\0\0\0\xff\x2c\0rr\x28\0", 16));
  Result<std::vector<File>> files = LoadArchiveFiles(*tgz);
  ASSERT_TRUE(files.ok()) << files.status().message();
  std::vector<std::string> names;
  for (const File& f : *files) names.push_back("full/" + f.name);
  EXPECT_EQ(names, Lines(Slurp("testdata/full.archive-order.golden")));
  Result<Chart> back = LoadArchive(*tgz, Quiet());
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->metadata.description, "A chart with every field");
  EXPECT_EQ(back->dependencies.size(), 1u);
  ASSERT_EQ(back->raw.size(), c->raw.size());
  for (const File& f : back->raw) {
    if (f.name == "values.yaml") {
      EXPECT_EQ(f.data, "# raw values are kept verbatim\nkey: value   # comment\n");
    }
  }
}

TEST(SaveTest, LongAndNonAsciiNamesUsePax) {
  Chart c;
  c.metadata.api_version = "v2";
  c.metadata.name = "long";
  c.metadata.version = "0.1.0";
  std::string deep = "files/" + std::string(120, 'd') + "/" + std::string(120, 'e') + ".txt";
  c.files.push_back(File{deep, "deep", 1700000000});
  c.files.push_back(File{"files/ünïcode.txt", "u", 1700000000});
  c.files.push_back(File{"files/" + std::string(90, 'p') + "/" + std::string(60, 'q'), "split", 1700000000});
  Result<std::string> tgz = ArchiveBytes(c);
  ASSERT_TRUE(tgz.ok()) << tgz.status().message();
  Result<Chart> back = LoadArchive(*tgz, Quiet());
  ASSERT_TRUE(back.ok()) << back.status().message();
  ASSERT_EQ(back->files.size(), 3u);
  EXPECT_EQ(back->files[0].name, deep);
  EXPECT_EQ(back->files[0].data, "deep");
  EXPECT_EQ(back->files[1].name, "files/ünïcode.txt");
  EXPECT_EQ(back->files[2].data, "split");
  EXPECT_EQ(back->files[2].mod_time_unix, 1700000000);
}

TEST(SaveTest, ValidationAndSaveArchive) {
  Chart bad;
  bad.metadata.api_version = "v2";
  bad.metadata.name = "x";
  bad.metadata.version = "nope";
  EXPECT_EQ(ArchiveBytes(bad).status().message(), "chart validation: validation: chart.metadata.version \"nope\" is invalid");
  Chart schema;
  schema.metadata = {};
  schema.metadata.api_version = "v2";
  schema.metadata.name = "s";
  schema.metadata.version = "1.0.0";
  schema.schema = "{not json";
  schema.has_schema = true;
  EXPECT_EQ(ArchiveBytes(schema).status().message(), "invalid JSON in values.schema.json");

  char tmpl[] = "/tmp/save_test_XXXXXX";
  std::string dir = ::mkdtemp(tmpl);
  Result<Chart> c = LoadDir("testdata/full", Quiet());
  ASSERT_TRUE(c.ok());
  std::string path;
  ASSERT_TRUE(SaveArchive(*c, dir + "/out", &path).ok());
  EXPECT_EQ(path, dir + "/out/full-1.2.3-rc.1+build.5.tgz");
  Result<Chart> again = Load(path, Quiet());
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->Name(), "full");

  ASSERT_TRUE(ExpandArchive(dir + "/x", Slurp(path)).ok());
  EXPECT_EQ(Slurp(dir + "/x/full/values.yaml"), "# raw values are kept verbatim\nkey: value   # comment\n");
  EXPECT_EQ(Slurp(dir + "/x/full/charts/sub/templates/cm.yaml"), "k: sub\n");
  std::filesystem::remove_all(dir);
}

TEST(SaveTest, ModTimesRoundToTheNearestSecond) {
  // helm package stamps a file modified at 00:00:00.7 with 00:00:01 (Go's tar writer rounds).
  char tmpl[] = "/tmp/save_mt_XXXXXX";
  std::string dir = ::mkdtemp(tmpl);
  std::filesystem::copy("testdata/full", dir + "/full", std::filesystem::copy_options::recursive);
  struct timespec ts[2] = {{1704067200, 700000000}, {1704067200, 700000000}};
  ASSERT_EQ(::utimensat(AT_FDCWD, (dir + "/full/values.yaml").c_str(), ts, 0), 0);
  Result<Chart> c = LoadDir(dir + "/full", Quiet());
  ASSERT_TRUE(c.ok()) << c.status().message();
  for (const File& f : c->raw) {
    if (f.name == "values.yaml") {
      EXPECT_EQ(f.mod_time_unix, 1704067201);
    }
  }
  std::filesystem::remove_all(dir);
}

TEST(CreateTest, ScaffoldMatchesHelmCreate) {
  char tmpl[] = "/tmp/create_test_XXXXXX";
  std::string dir = ::mkdtemp(tmpl);
  std::vector<std::string> warnings;
  auto warn = [&](std::string_view l) { warnings.emplace_back(l); };
  Result<std::string> out = Create("mychart", dir, warn);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, dir + "/mychart");
  EXPECT_TRUE(warnings.empty());
  size_t n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator("testdata/create/mychart")) {
    if (!e.is_regular_file()) continue;
    std::string rel = e.path().string().substr(std::string("testdata/create/mychart/").size());
    EXPECT_EQ(Slurp(dir + "/mychart/" + rel), Slurp(e.path().string())) << rel;
    ++n;
  }
  EXPECT_EQ(n, 12u);
  EXPECT_TRUE(std::filesystem::is_directory(dir + "/mychart/charts"));
  // Again: every file is announced before it is overwritten.
  ASSERT_TRUE(Create("mychart", dir, warn).ok());
  ASSERT_EQ(warnings.size(), 12u);
  EXPECT_EQ(warnings[0], "WARNING: File \"" + dir + "/mychart/Chart.yaml\" already exists. Overwriting.");
  // The loaded scaffold is a valid chart.
  Result<Chart> c = LoadDir(dir + "/mychart", Quiet());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->templates.size(), 9u);

  std::ofstream(dir + "/notdir") << "x";
  EXPECT_EQ(Create("notdir", dir, warn).status().message(),
            "file " + dir + "/notdir already exists and is not a directory");
  EXPECT_EQ(Create("bad name", dir, warn).status().message(),
            "chart name must match the regular expression \"^[a-zA-Z0-9._-]+$\"");
  EXPECT_EQ(Create("", dir, warn).status().message(), "chart name must be between 1 and 250 characters");
  std::filesystem::remove_all(dir);
}

TEST(CreateTest, FromStarterMatchesHelm) {
  // testdata/starter.golden is `helm create newchart --starter testdata/starter` by the reference helm.
  char tmpl[] = "/tmp/create_from_XXXXXX";
  std::string dir = ::mkdtemp(tmpl);
  Metadata md;
  md.name = "newchart";
  md.description = "A Helm chart for Kubernetes";
  md.type = "application";
  md.version = "0.1.0";
  md.app_version = "0.1.0";
  md.api_version = "v2";
  ASSERT_TRUE(CreateFrom(md, dir, "testdata/starter").ok());
  size_t n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator("testdata/starter.golden")) {
    if (!e.is_regular_file()) continue;
    std::string rel = e.path().string().substr(std::string("testdata/starter.golden/").size());
    ++n;
    if (rel.ends_with(".tgz")) {
      // Archive bytes carry modification times; compare the entries.
      Result<std::vector<File>> want = LoadArchiveFiles(Slurp(e.path().string()));
      Result<std::vector<File>> got = LoadArchiveFiles(Slurp(dir + "/newchart/" + rel));
      ASSERT_TRUE(want.ok() && got.ok()) << rel;
      ASSERT_EQ(want->size(), got->size());
      for (size_t i = 0; i < want->size(); ++i) {
        EXPECT_EQ((*want)[i].name, (*got)[i].name);
        EXPECT_EQ((*want)[i].data, (*got)[i].data);
      }
      continue;
    }
    EXPECT_EQ(Slurp(dir + "/newchart/" + rel), Slurp(e.path().string())) << rel;
  }
  EXPECT_EQ(n, 6u);
  EXPECT_TRUE(CreateFrom(md, dir, "testdata/nope").message().starts_with(
      "could not load testdata/nope: stat testdata/nope: no such file or directory"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace helm::chart
