// Expected texts in these tests were produced by the reference helm v4.2.4 (`helm template` on the same
// inputs, `helm package` + `tar tzf` for file listings); see testdata/.
#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "helm/base/fs.h"
#include "helm/chart/chart.h"
#include "helm/chart/chartfile.h"
#include "helm/chart/ignore.h"
#include "helm/chart/loader.h"
#include "helm/yaml/yaml.h"

namespace helm::chart {
namespace {

namespace fs = std::filesystem;

LoadOptions Quiet() {
  LoadOptions o;
  o.log = nullptr;
  return o;
}

std::vector<File> ChartFiles(std::string chart_yaml, std::vector<File> more = {}) {
  std::vector<File> files{{"Chart.yaml", std::move(chart_yaml), 0}};
  for (File& f : more) files.push_back(std::move(f));
  return files;
}

// ---------------------------------------------------------------------------------------------------
// Chart.yaml decoding and validation.

struct ErrorCase {
  const char* chart_yaml;
  const char* want;  // the text after helm's "Error: "
};

TEST(LoadFilesTest, MetadataErrors) {
  const ErrorCase cases[] = {
      {"apiVersion: v2\nversion: 1.0.0\n", "validation: chart.metadata.name is required"},
      {"apiVersion: v2\nname: x\n", "validation: chart.metadata.version is required"},
      {"apiVersion: v2\nname: x\nversion: foo\n", "validation: chart.metadata.version \"foo\" is invalid"},
      {"apiVersion: v2\nname: ..\nversion: 1.0.0\n", "validation: chart.metadata.name \"..\" is not allowed"},
      {"apiVersion: v2\nname: a/b\nversion: 1.0.0\n", "validation: chart.metadata.name \"a/b\" is invalid"},
      {"apiVersion: v2\nname: x\nversion: 1.0.0\nmaintainers: [null]\n",
       "validation: maintainers must not contain empty or null nodes"},
      {"apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies: [null]\n",
       "validation: dependencies must not contain empty or null nodes"},
      {"apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies: [{name: a, alias: a.b}]\n",
       "validation: dependency \"a\" has disallowed characters in the alias"},
      {"apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies: [{name: a}, {name: b, alias: a}]\n",
       "validation: more than one dependency with name or alias \"a\""},
      {"apiVersion: v2\nname: x\nversion: 1.2.3-01\n", "validation: chart.metadata.version \"1.2.3-01\" is invalid"},
      {"apiVersion: v2\nname: x\nversion: 1.2.3.4\n", "validation: chart.metadata.version \"1.2.3.4\" is invalid"},
      {"apiVersion: v2\nname: x\nversion: 1.2.3-a..b\n",
       "validation: chart.metadata.version \"1.2.3-a..b\" is invalid"},
      {"apiVersion: v2\nname: x\nversion: 99999999999999999999.0.0\n",
       "validation: chart.metadata.version \"99999999999999999999.0.0\" is invalid"},
      {"apiVersion: v2\nname: x\nversion: true\n", "validation: chart.metadata.version \"true\" is invalid"},
      {"apiVersion: v2\nname: x\nversion: 1.0.0\nmaintainers: [{name: a}, null]\n"
       "dependencies: [{name: a, alias: \"b c\"}]\n",
       "validation: maintainers must not contain empty or null nodes"},
      {"apiVersion: v2\nname: x\nversion: 1.0.0\ntype: foo\n",
       "validation: chart.metadata.type must be application or library"},
      {"", "validation: chart.metadata.name is required"},
      {"apiVersion: v2\nname: x\nversion: 1.0.0\na: b: c\n",
       "cannot load Chart.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in "
       "this context"},
      {"apiVersion: v2\nname: c3\nversion: 1.0.0\nsources: foo\n",
       "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into "
       "Go struct field Metadata.sources of type []string"},
      {"apiVersion: v2\nname: c4\nversion: 1.0.0\nmaintainers:\n- foo\n",
       "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into "
       "Go struct field Metadata.maintainers of type v2.Maintainer"},
      {"apiVersion: v2\nname: c5\nversion: 1.0.0\ndependencies:\n- name: x\n  tags: 3\n",
       "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into "
       "Go struct field Dependency.dependencies.tags of type []string"},
      {"apiVersion: v2\nname: c6\nversion: 1.0.0\nmaintainers:\n- name: [1]\n",
       "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into "
       "Go struct field Maintainer.maintainers.name of type string"},
      {"apiVersion: v2\nname: c7\nversion: 1.0.0\ndeprecated: \"yes\"\n",
       "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into "
       "Go struct field Metadata.deprecated of type bool"},
      {"apiVersion: v2\nname: e1\nversion: 1.0.0\nannotations:\n  a: [1]\n",
       "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into "
       "Go struct field Metadata.annotations of type string"},
      {"apiVersion: v2\nname: e2\nversion: 1.0.0\nannotations: 5\n",
       "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into "
       "Go struct field Metadata.annotations of type map[string]string"},
      {"apiVersion: v2\nname: e3\nversion: 1.0.0\ndependencies: {a: 1}\n",
       "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into "
       "Go struct field Metadata.dependencies of type []*v2.Dependency"},
      {"apiVersion: v2\nname: e4\nversion: 1.0.0\ndependencies:\n- 5\n",
       "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into "
       "Go struct field Metadata.dependencies of type v2.Dependency"},
      {"apiVersion: v2\nname: e5\nversion: 1.0.0\ndependencies:\n- name: a\n  import-values: x\n",
       "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into "
       "Go struct field Dependency.dependencies.import-values of type []interface {}"},
      {"apiVersion: v2\nname: e6\nversion: 1.0.0\nkeywords: [[1]]\n",
       "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into "
       "Go struct field Metadata.keywords of type string"},
      {"apiVersion: v2\nname: e12\nversion: 1.0.0\ndeprecated: 1\ntype: foo\n",
       "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into "
       "Go struct field Metadata.deprecated of type bool"},
  };
  for (const ErrorCase& c : cases) {
    Result<Chart> r = LoadFiles(ChartFiles(c.chart_yaml), Quiet());
    ASSERT_FALSE(r.ok()) << c.chart_yaml;
    EXPECT_EQ(r.status().message(), c.want) << c.chart_yaml;
  }
}

TEST(LoadFilesTest, LockErrors) {
  const std::pair<const char*, const char*> cases[] = {
      {"generated: 2020-01-01\ndigest: x\n",
       "cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: parsing time \"2020-01-01\" as "
       "\"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\""},
      {"generated: 5\n",
       "cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: Time.UnmarshalJSON: input is not a "
       "JSON string"},
      {"dependencies: 5\n",
       "cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into "
       "Go struct field Lock.dependencies of type []*v2.Dependency"},
  };
  for (const auto& [lock, want] : cases) {
    Result<Chart> r =
        LoadFiles(ChartFiles("apiVersion: v2\nname: e\nversion: 1.0.0\n", {{"Chart.lock", lock, 0}}), Quiet());
    ASSERT_FALSE(r.ok()) << lock;
    EXPECT_EQ(r.status().message(), want);
  }
  Result<Chart> ok = LoadFiles(ChartFiles("apiVersion: v2\nname: e\nversion: 1.0.0\n",
                                          {{"Chart.lock",
                                            "generated: \"2020-01-01T00:00:00Z\"\n"
                                            "dependencies: [{name: x, tags: [a]}]\n",
                                            0}}),
                               Quiet());
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  ASSERT_NE(ok->lock, nullptr);
  EXPECT_EQ(ok->lock->generated, "2020-01-01T00:00:00Z");
  ASSERT_EQ(ok->lock->dependencies.size(), 1u);
  EXPECT_EQ(ok->lock->dependencies[0].tags, std::vector<std::string>{"a"});
}

TEST(LoadFilesTest, ScalarsBecomeStrings) {
  // helm: version "1", appVersion "1.1", keywords ["1","true","2.5"], annotations {"a":"1","b":"true"}.
  Result<Chart> r = LoadFiles(ChartFiles("apiVersion: v2\nname: c2\nversion: 1.0\nappVersion: 1.10\n"
                                         "keywords: [1, true, 2.5]\nannotations:\n  a: 1\n  b: true\n"),
                              Quiet());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->metadata.version, "1");
  EXPECT_EQ(r->metadata.app_version, "1.1");
  EXPECT_EQ(r->metadata.keywords, (std::vector<std::string>{"1", "true", "2.5"}));
  EXPECT_EQ(r->metadata.annotations.at("a"), "1");
  EXPECT_EQ(r->metadata.annotations.at("b"), "true");

  // Case-insensitive field names; 1e3 -> "1000"; 1234567 stays an integer.
  Result<Chart> r2 = LoadFiles(ChartFiles("apiVersion: v2\nNAME: x\nVersion: 1e3\nappVersion: 1234567\n"), Quiet());
  ASSERT_TRUE(r2.ok()) << r2.status().message();
  EXPECT_EQ(r2->metadata.name, "x");
  EXPECT_EQ(r2->metadata.version, "1000");
  EXPECT_EQ(r2->metadata.app_version, "1234567");
}

TEST(LoadFilesTest, SemverAcceptance) {
  for (const char* v : {"v1.2", "01.2.3+meta.1", "1", "1.2.3-alpha.1+build-5", "v0.0.0-0"}) {
    EXPECT_TRUE(IsValidSemver(v)) << v;
  }
  for (const char* v : {"", "foo", "1.2.3.4", "1.2.3-01", "1.2.3-", "1.2.3+", "1.2.3-a..b", "V1.2.3", "1.2.3 "}) {
    EXPECT_FALSE(IsValidSemver(v)) << v;
  }
}

TEST(LoadFilesTest, ApiVersionDefaultsToV1AndSanitizes) {
  Result<Chart> r = LoadFiles(ChartFiles("name: x\nversion: 1.0.0\ndescription: \"a\\tb\\u0001c\\u200bd\"\n"), Quiet());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->metadata.api_version, "v1");
  EXPECT_EQ(r->metadata.description, "a bcd");
}

TEST(LoadFilesTest, MissingChartYaml) {
  Result<Chart> r = LoadFiles({{"values.yaml", "a: 1\n", 0}}, Quiet());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "Chart.yaml file is missing");
}

TEST(LoadFilesTest, RequirementsWarnings) {
  std::vector<std::string> lines;
  LoadOptions opts;
  opts.log = [&](std::string_view l) { lines.emplace_back(l); };
  Result<Chart> r = LoadFiles(ChartFiles("apiVersion: v2\nname: r1\nversion: 0.1.0\n",
                                         {{"requirements.lock", "generated: \"2020-01-01T00:00:00Z\"\n", 0},
                                          {"requirements.yaml", "dependencies: []\n", 0}}),
                              opts);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "level=INFO msg=\"Warning: Dependency locking is handled in Chart.lock since apiVersion \\\"v2\\\". We "
            "recommend migrating to Chart.lock.\"");
  EXPECT_EQ(lines[1],
            "level=INFO msg=\"Warning: Dependencies are handled in Chart.yaml since apiVersion \\\"v2\\\". We "
            "recommend migrating dependencies to Chart.yaml.\"");
  EXPECT_TRUE(r->files.empty());  // only v1 charts keep requirements files

  // v1: requirements.yaml supplies the dependencies and stays a file.
  Result<Chart> v1 = LoadFiles(ChartFiles("apiVersion: v1\nname: old\nversion: 0.1.0\n",
                                          {{"requirements.yaml", "dependencies:\n- name: a\n  version: 1.x\n", 0}}),
                               Quiet());
  ASSERT_TRUE(v1.ok()) << v1.status().message();
  ASSERT_EQ(v1->metadata.dependencies.size(), 1u);
  EXPECT_EQ(v1->metadata.dependencies[0].version, "1.x");
  ASSERT_EQ(v1->files.size(), 1u);
  EXPECT_EQ(v1->files[0].name, "requirements.yaml");
}

TEST(LoadValuesTest, Documents) {
  Result<Value> v = LoadValues("a: 1\nm: {p: 1, q: 2}\n---\nb: 2\nm: {q: 3}\n--- # comment\n");
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(yaml::ToJson(*v), "{\"a\":1,\"b\":2,\"m\":{\"p\":1,\"q\":3}}");

  Result<Value> bad = LoadValues("a: 1\n---foo\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "error reading yaml document: invalid Yaml document separator: foo");

  Result<Value> list = LoadValues("- a\n");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
            "array into Go value of type map[string]interface {}");

  Result<Value> crlf = LoadValues("a: |\r\n  x\r\n---\r\nb: 1\r\n");
  ASSERT_TRUE(crlf.ok()) << crlf.status().message();
  EXPECT_EQ(yaml::ToJson(*crlf), "{\"a\":\"x\\n\",\"b\":1}");

  Result<Value> empty = LoadValues("# nothing\n");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->is_map() && empty->as_map().empty());
}

// ---------------------------------------------------------------------------------------------------
// .Chart objects.

TEST(MetadataToValueTest, MatchesHelmToJson) {
  Result<Chart> c1 = LoadFiles(ChartFiles("apiVersion: v2\nname: c1\nversion: 1.0.0\n"), Quiet());
  ASSERT_TRUE(c1.ok());
  EXPECT_EQ(yaml::ToJson(MetadataToValue(*c1)),
            "{\"APIVersion\":\"v2\",\"Annotations\":null,\"AppVersion\":\"\",\"Condition\":\"\",\"Dependencies\":[],"
            "\"Deprecated\":false,\"Description\":\"\",\"Home\":\"\",\"Icon\":\"\",\"IsRoot\":true,\"Keywords\":[],"
            "\"KubeVersion\":\"\",\"Maintainers\":[],\"Name\":\"c1\",\"Sources\":[],\"Tags\":\"\",\"Type\":\"\","
            "\"Version\":\"1.0.0\"}");

  Result<Chart> d1 = LoadFiles(
      ChartFiles("apiVersion: v2\nname: d1\nversion: 1.0.0\nmaintainers:\n- name: a\n  email: b\n"
                 "annotations: {}\ndependencies:\n- name: sub\n  version: \">0.0.0\"\n  repository: file://x\n"
                 "  tags: [t1]\n",
                 {{"charts/sub/Chart.yaml", "apiVersion: v1\nname: sub\nversion: 0.1.0\n", 0}}),
      Quiet());
  ASSERT_TRUE(d1.ok()) << d1.status().message();
  Value v = MetadataToValue(*d1);
  EXPECT_EQ(v.Find("Annotations")->TypeName(), "map[string]string");
  EXPECT_EQ(yaml::ToJson(*v.Find("Maintainers")), "[{\"Email\":\"b\",\"Name\":\"a\",\"URL\":\"\"}]");
  // Before dependency processing Enabled is what the file said (false) and ImportValues is empty.
  EXPECT_EQ(yaml::ToJson(*v.Find("Dependencies")),
            "[{\"Alias\":\"\",\"Condition\":\"\",\"Enabled\":false,\"ImportValues\":[],\"Name\":\"sub\","
            "\"Repository\":\"file://x\",\"Tags\":[\"t1\"],\"Version\":\"\\u003e0.0.0\"}]");
  ASSERT_EQ(d1->dependencies.size(), 1u);
  Value sub = MetadataToValue(d1->dependencies[0]);
  EXPECT_EQ(yaml::ToJson(sub),
            "{\"APIVersion\":\"v1\",\"Annotations\":null,\"AppVersion\":\"\",\"Condition\":\"\",\"Dependencies\":[],"
            "\"Deprecated\":false,\"Description\":\"\",\"Home\":\"\",\"Icon\":\"\",\"IsRoot\":false,\"Keywords\":[],"
            "\"KubeVersion\":\"\",\"Maintainers\":[],\"Name\":\"sub\",\"Sources\":[],\"Tags\":\"\",\"Type\":\"\","
            "\"Version\":\"0.1.0\"}");
}

// ---------------------------------------------------------------------------------------------------
// Parent pointers through copies and moves.

Chart Tree() {
  Chart root;
  root.metadata.name = "root";
  Chart mid;
  mid.metadata.name = "mid";
  Chart leaf;
  leaf.metadata.name = "leaf";
  leaf.files.push_back(File{"crds/a.yaml", "x", 0});
  leaf.files.push_back(File{"crds/b.txt", "x", 0});
  mid.AddDependency(std::move(leaf));
  root.AddDependency(std::move(mid));
  Chart other;
  other.metadata.name = "other";
  root.AddDependency(std::move(other));
  return root;
}

void ExpectLinked(const Chart& c) {
  for (const Chart& d : c.dependencies) {
    EXPECT_EQ(d.parent, &c) << d.Name();
    ExpectLinked(d);
  }
}

TEST(ChartTest, ParentPointersSurviveCopiesAndMoves) {
  Chart a = Tree();
  ExpectLinked(a);
  EXPECT_TRUE(a.IsRoot());
  EXPECT_EQ(a.dependencies[0].dependencies[0].ChartFullPath(), "root/charts/mid/charts/leaf");
  EXPECT_EQ(a.dependencies[0].dependencies[0].ChartPath(), "root.mid.leaf");
  EXPECT_EQ(&a.dependencies[0].dependencies[0].Root(), &a);
  Chart b = a;  // copy
  ExpectLinked(b);
  EXPECT_EQ(b.dependencies[0].dependencies[0].ChartFullPath(), "root/charts/mid/charts/leaf");
  Chart c = std::move(a);
  ExpectLinked(c);
  std::vector<Chart> many;
  for (int i = 0; i < 20; ++i) many.push_back(c);  // reallocations move elements
  for (const Chart& m : many) ExpectLinked(m);
  c.dependencies.push_back(Tree());
  c.LinkParents();
  ExpectLinked(c);
  std::vector<Crd> crds = b.CrdEntries();
  ASSERT_EQ(crds.size(), 1u);
  EXPECT_EQ(crds[0].filename, "root/charts/mid/charts/leaf/crds/a.yaml");
  EXPECT_EQ(b.CrdObjects().size(), 1u);
}

// ---------------------------------------------------------------------------------------------------
// .helmignore.

TEST(IgnoreTest, GoPathMatch) {
  struct Case {
    const char* pattern;
    const char* name;
    bool match;
  };
  const Case cases[] = {
      {"abc", "abc", true},     {"*", "abc", true},        {"*c", "abc", true},      {"a*", "a", true},
      {"a*", "ab/c", false},    {"a*/b", "abc/b", true},   {"a*b*c*d*e*/f", "axbxcxdxe/f", true},
      {"ab[c]", "abc", true},   {"ab[b-d]", "abc", true},  {"ab[^c]", "abc", false}, {"a?b", "a/b", false},
      {"a\\*b", "a*b", true},   {"a\\*b", "ab", false},    {"[a-ζ]*", "α", true},    {"*x", "xxx", true},
  };
  for (const Case& c : cases) {
    Result<bool> m = GoPathMatch(c.pattern, c.name);
    ASSERT_TRUE(m.ok()) << c.pattern;
    EXPECT_EQ(*m, c.match) << c.pattern << " " << c.name;
  }
  for (const char* bad : {"[", "[^", "a[", "[a-", "\\", "[]a]", "[-]"}) {
    Result<bool> m = GoPathMatch(bad, "x");
    EXPECT_FALSE(m.ok()) << bad;
    if (!m.ok()) {
      EXPECT_EQ(m.status().message(), "syntax error in pattern");
    }
  }
  Result<IgnoreRules> dstar = IgnoreRules::Parse("a/**/b\n");
  ASSERT_FALSE(dstar.ok());
  EXPECT_EQ(dstar.status().message(), "double-star (**) syntax is not supported");
}

std::vector<std::string> ReadListing(const std::string& path, const std::string& prefix = "") {
  std::ifstream in(path);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!prefix.empty()) {
      if (!line.starts_with(prefix + " ")) continue;
      line = line.substr(prefix.size() + 1);
    }
    out.push_back(line);
  }
  return out;
}

// The archive entries `helm package` would write for a loaded chart (chartutil.writeTarContents).
void Listing(const Chart& c, const std::string& prefix, std::vector<std::string>* out) {
  std::string base = prefix + c.Name() + "/";
  out->push_back(base + "Chart.yaml");
  if (c.metadata.api_version == "v2" && c.lock) out->push_back(base + "Chart.lock");
  for (const File& f : c.raw)
    if (f.name == "values.yaml") out->push_back(base + "values.yaml");
  if (c.has_schema) out->push_back(base + "values.schema.json");
  for (const File& f : c.templates) out->push_back(base + f.name);
  for (const File& f : c.files) out->push_back(base + f.name);
  for (const Chart& d : c.dependencies) Listing(d, base + "charts/", out);
}

std::vector<std::string> SortedListing(const Chart& c) {
  std::vector<std::string> out;
  Listing(c, "", &out);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(IgnoreTest, DirectoriesAsHelmPackageSeesThem) {
  Result<Chart> c = LoadDir("testdata/ignore1", Quiet());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(SortedListing(*c), ReadListing("testdata/ignore1.listing"));
  // A leading negated rule ignores everything it does not match (Helm's rule order quirk), Chart.yaml too.
  Result<Chart> c2 = LoadDir("testdata/ignore2", Quiet());
  ASSERT_FALSE(c2.ok());
  EXPECT_EQ(c2.status().message(), "Chart.yaml file is missing");
}

// ---------------------------------------------------------------------------------------------------
// Real charts.

TEST(RealChartsTest, LoadLikeHelmPackage) {
  const std::string root = "/work/shared/charts";
  if (!IsDirectory(root)) GTEST_SKIP() << "no shared charts";
  std::set<std::string> dirs;
  for (const std::string& line : ReadListing("testdata/real_charts_listing.txt")) {
    dirs.insert(line.substr(0, line.find(' ')));
  }
  ASSERT_EQ(dirs.size(), 17u);
  for (const std::string& d : dirs) {
    Result<Chart> c = Load(root + "/" + d, Quiet());
    ASSERT_TRUE(c.ok()) << d << ": " << c.status().message();
    EXPECT_EQ(SortedListing(*c), ReadListing("testdata/real_charts_listing.txt", d)) << d;
    ExpectLinked(*c);
  }
  // kube-prometheus-stack cannot be packaged (dependencies are disabled, not vendored) but must load.
  Result<Chart> kps = Load(root + "/kube-prometheus-stack", Quiet());
  ASSERT_TRUE(kps.ok()) << kps.status().message();
  EXPECT_EQ(kps->Name(), "kube-prometheus-stack");
}

// ---------------------------------------------------------------------------------------------------
// Directories: symlinks, irregular and big files, top-level loader errors.

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/chart_test_XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path_); }
  const std::string& path() const { return path_; }
  void Write(const std::string& rel, const std::string& data) {
    fs::create_directories(fs::path(path_ + "/" + rel).parent_path());
    std::ofstream(path_ + "/" + rel, std::ios::binary) << data;
  }

 private:
  std::string path_;
};

TEST(LoadDirTest, SymlinksAreFollowedWithALogLine) {
  TempDir t;
  t.Write("s1/Chart.yaml", "apiVersion: v2\nname: s1\nversion: 0.1.0\n");
  t.Write("outside/cm.yaml", "k: outside\n");
  fs::create_directories(t.path() + "/s1/templates");
  fs::create_symlink("../../outside/cm.yaml", t.path() + "/s1/templates/link.yaml");
  std::vector<std::string> lines;
  LoadOptions opts;
  opts.log = [&](std::string_view l) { lines.emplace_back(l); };
  Result<Chart> c = LoadDir(t.path() + "/s1", opts);
  ASSERT_TRUE(c.ok()) << c.status().message();
  ASSERT_EQ(c->templates.size(), 1u);
  EXPECT_EQ(c->templates[0].name, "templates/link.yaml");
  EXPECT_EQ(c->templates[0].data, "k: outside\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "level=INFO msg=\"found symbolic link in path. Contents of linked file included and used\" "
                      "path=" + t.path() + "/s1/templates/link.yaml resolved=" + t.path() + "/outside/cm.yaml");

  // A directory link whose target is missing names the cleaned target; a self link loops.
  fs::create_symlink("../outside/dir", t.path() + "/s1/templates/linkdir");
  EXPECT_EQ(LoadDir(t.path() + "/s1", Quiet()).status().message(),
            "error evaluating symlink " + t.path() + "/s1/templates/linkdir: lstat " + t.path() +
                "/s1/outside: no such file or directory");
  fs::remove(t.path() + "/s1/templates/linkdir");
  fs::create_symlink("self.yaml", t.path() + "/s1/templates/self.yaml");
  EXPECT_EQ(LoadDir(t.path() + "/s1", Quiet()).status().message(),
            "error evaluating symlink " + t.path() + "/s1/templates/self.yaml: EvalSymlinks: too many links");
  fs::remove(t.path() + "/s1/templates/self.yaml");
  // charts/sub -> .. recurses until the kernel refuses the path, as in Go.
  fs::create_directories(t.path() + "/s1/charts");
  fs::create_symlink("..", t.path() + "/s1/charts/sub");
  std::string loop = LoadDir(t.path() + "/s1", Quiet()).status().message();
  EXPECT_TRUE(loop.starts_with("open " + t.path() + "/s1/charts/sub/charts/sub/charts/sub")) << loop;
  EXPECT_TRUE(loop.ends_with("/charts/sub: too many levels of symbolic links")) << loop;
  fs::remove(t.path() + "/s1/charts/sub");

  fs::create_symlink("nowhere.yaml", t.path() + "/s1/templates/dangling.yaml");
  Result<Chart> d = LoadDir(t.path() + "/s1", Quiet());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(), "error evaluating symlink " + t.path() +
                                      "/s1/templates/dangling.yaml: lstat " + t.path() +
                                      "/s1/templates/nowhere.yaml: no such file or directory");
  fs::remove(t.path() + "/s1/templates/dangling.yaml");

  ASSERT_EQ(::mkfifo((t.path() + "/s1/fifo").c_str(), 0644), 0);
  Result<Chart> f = LoadDir(t.path() + "/s1", Quiet());
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().message(),
            "cannot load irregular file " + t.path() + "/s1/fifo as it has file mode type bits set");
  fs::remove(t.path() + "/s1/fifo");

  t.Write("s1/big.bin", std::string(6000000, '\0'));
  Result<Chart> b = LoadDir(t.path() + "/s1", Quiet());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), "chart file \"big.bin\" is larger than the maximum file size 5242880");
}

TEST(LoadTest, TopLevelErrors) {
  TempDir t;
  fs::create_directories(t.path() + "/empty");
  Result<Chart> e = Load(t.path() + "/empty", Quiet());
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().message(), "unable to detect chart at " + t.path() + "/empty/Chart.yaml: open " + t.path() +
                                      "/empty/Chart.yaml: no such file or directory");
  t.Write("v9/Chart.yaml", "apiVersion: v9\nname: x\nversion: 1.0.0\n");
  EXPECT_EQ(Load(t.path() + "/v9", Quiet()).status().message(), "unsupported chart version");
  t.Write("v3/Chart.yaml", "apiVersion: v3\nname: x\nversion: 1.0.0\n");
  EXPECT_EQ(Load(t.path() + "/v3", Quiet()).status().message(), "invalid chart apiVersion");
  t.Write("e7/Chart.yaml", "apiVersion: [v2]\nname: e7\nversion: 1.0.0\n");
  EXPECT_EQ(Load(t.path() + "/e7", Quiet()).status().message(),
            "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into "
            "Go struct field chartBase.apiVersion of type string");
  t.Write("c8/Chart.yaml", "foo");
  EXPECT_EQ(Load(t.path() + "/c8", Quiet()).status().message(),
            "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into "
            "Go value of type loader.chartBase");
  t.Write("v.yaml", "a: 1\n");
  EXPECT_EQ(Load(t.path() + "/v.yaml", Quiet()).status().message(),
            "file '" + t.path() + "/v.yaml' seems to be a YAML file, but expected a gzipped archive");
  t.Write("bad2.tgz", "hello world this is not gzip");
  EXPECT_EQ(Load(t.path() + "/bad2.tgz", Quiet()).status().message(),
            "file '" + t.path() + "/bad2.tgz' does not appear to be a gzipped archive; got 'application/octet-stream'");
}

// ---------------------------------------------------------------------------------------------------
// Hostile archives, built with libarchive.

struct Entry {
  Entry(std::string n, std::string d, char t = 'f', std::string l = "")
      : name(std::move(n)), data(std::move(d)), type(t), link(std::move(l)) {}
  std::string name;
  std::string data;
  char type = 'f';  // 'f' file, 'l' symlink, 'h' hard link, 'd' directory
  std::string link;
  int64_t declared_size = -1;  // header size when different from data.size()
};

std::string MakeTgz(const std::vector<Entry>& entries) {
  struct archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_add_filter_gzip(a);
  std::string out;
  archive_write_open(
      a, &out, nullptr,
      [](struct archive*, void* client, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(client)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr);
  for (const Entry& e : entries) {
    struct archive_entry* en = archive_entry_new();
    archive_entry_set_pathname(en, e.name.c_str());
    archive_entry_set_mtime(en, 1700000000, 0);
    if (e.type == 'l') {
      archive_entry_set_filetype(en, AE_IFLNK);
      archive_entry_set_symlink(en, e.link.c_str());
      archive_entry_set_perm(en, 0777);
    } else if (e.type == 'h') {
      archive_entry_set_filetype(en, AE_IFREG);
      archive_entry_set_hardlink(en, e.link.c_str());
      archive_entry_set_perm(en, 0644);
    } else if (e.type == 'd') {
      archive_entry_set_filetype(en, AE_IFDIR);
      archive_entry_set_perm(en, 0755);
    } else {
      archive_entry_set_filetype(en, AE_IFREG);
      archive_entry_set_perm(en, 0644);
      archive_entry_set_size(en, e.declared_size >= 0 ? e.declared_size : static_cast<la_int64_t>(e.data.size()));
    }
    archive_write_header(a, en);
    if (e.type == 'f' && !e.data.empty()) archive_write_data(a, e.data.data(), e.data.size());
    archive_entry_free(en);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

const char kCy[] = "apiVersion: v2\nname: x\nversion: 1.0.0\n";

std::string SubchartError(const std::string& tgz_name, const std::string& tgz) {
  Result<Chart> r = LoadFiles(ChartFiles("apiVersion: v2\nname: p\nversion: 1.0.0\n",
                                         {{"charts/" + tgz_name, tgz, 0}}),
                              Quiet());
  return r.ok() ? "OK" : r.status().message();
}

TEST(ArchiveTest, HostileEntries) {
  EXPECT_EQ(SubchartError("a1.tgz", MakeTgz({{"x/Chart.yaml", kCy}, {"x/../evil", "a: 1"}})),
            "error unpacking subchart a1.tgz in p: chart illegally references parent directory");
  EXPECT_EQ(SubchartError("a4.tgz", MakeTgz({{"Chart.yaml", kCy}})),
            "error unpacking subchart a4.tgz in p: chart illegally contains content outside the base directory: "
            "\"Chart.yaml\"");
  EXPECT_EQ(SubchartError("a5.tgz", MakeTgz({{"x/Chart.yaml", kCy}, {"x", "a"}})),
            "error unpacking subchart a5.tgz in p: chart illegally contains content outside the base directory: "
            "\"x\"");
  EXPECT_EQ(SubchartError("a6.tgz", MakeTgz({{"x/values.yaml", "a: 1"}})),
            "error unpacking subchart a6.tgz in p: Chart.yaml file is missing");
  EXPECT_EQ(SubchartError("a7.tgz", MakeTgz({})), "error unpacking subchart a7.tgz in p: no files in chart archive");
  EXPECT_EQ(SubchartError("a8.tgz", MakeTgz({{"x/Chart.yaml", kCy}, {"x/c:/foo", "a"}})),
            "error unpacking subchart a8.tgz in p: chart contains illegally named files");
  EXPECT_EQ(SubchartError("bad.tgz", std::string("\x1f\x8b\x08", 3) + std::string(140, 'g')),
            "error unpacking subchart bad.tgz in p: unexpected EOF");
  EXPECT_EQ(SubchartError("foo.tgz", "garbage\n"), "error unpacking subchart foo.tgz in p: unexpected EOF");
  EXPECT_EQ(SubchartError("bad2.tgz", "hello world this is not gzip"),
            "error unpacking subchart bad2.tgz in p: gzip: invalid header");
  EXPECT_EQ(SubchartError("big.tgz", MakeTgz({{"x/Chart.yaml", kCy}, {"x/big", std::string(5 * 1024 * 1024 + 1, 'a')}})),
            "error unpacking subchart big.tgz in p: decompressed chart file \"x/big\" is larger than the maximum "
            "file size 5242880");
}

TEST(ArchiveTest, LinksAndOddNamesAreInertFiles) {
  // helm: symlinks and hard links in archives load as empty files, never followed; a leading "/" only
  // names the top directory "".
  std::string tgz = MakeTgz({{"x/Chart.yaml", kCy},
                             {"x/templates", "", 'd'},
                             {"x/templates/s.yaml", "", 'l', "/etc/passwd"},
                             {"x/templates/h.yaml", "", 'h', "x/Chart.yaml"},
                             {"/x/abs", "a"},
                             {"y/templates/cm2.yaml", "k: v\n"}});
  Result<Chart> c = LoadArchive(tgz, Quiet());
  ASSERT_TRUE(c.ok()) << c.status().message();
  std::map<std::string, std::string> templates;
  for (const File& f : c->templates) templates[f.name] = f.data;
  EXPECT_EQ(templates, (std::map<std::string, std::string>{
                           {"templates/cm2.yaml", "k: v\n"}, {"templates/h.yaml", ""}, {"templates/s.yaml", ""}}));
  ASSERT_EQ(c->files.size(), 1u);
  EXPECT_EQ(c->files[0].name, "x/abs");
  EXPECT_EQ(c->templates[0].mod_time_unix, 1700000000);
}

TEST(ArchiveTest, TopLevelArchiveErrorsAreHidden) {
  TempDir t;
  t.Write("a1.tgz", MakeTgz({{"x/Chart.yaml", kCy}, {"x/../evil", "a: 1"}}));
  EXPECT_EQ(Load(t.path() + "/a1.tgz", Quiet()).status().message(), "unable to load chart archive");
  t.Write("a6.tgz", MakeTgz({{"x/values.yaml", "a: 1"}}));
  EXPECT_EQ(Load(t.path() + "/a6.tgz", Quiet()).status().message(),
            "unable to detect chart version, no Chart.yaml found");
  t.Write("two.tgz", MakeTgz({{"x/Chart.yaml", kCy}}));
  Result<Chart> ok = Load(t.path() + "/two.tgz", Quiet());
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->Name(), "x");
}

TEST(ArchiveTest, SizeLimits) {
  // A header claiming more data than the stream holds.
  std::string tgz = MakeTgz({{"x/Chart.yaml", kCy}});
  Result<std::vector<File>> files = LoadArchiveFiles(tgz);
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(files->size(), 1u);
  // Twenty 5 MiB files exceed the 100 MiB total.
  std::vector<Entry> entries{{"x/Chart.yaml", kCy}};
  for (int i = 0; i < 21; ++i) entries.push_back({"x/f" + std::to_string(i), std::string(5 * 1024 * 1024, 'a')});
  Result<std::vector<File>> big = LoadArchiveFiles(MakeTgz(entries));
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().message(), "decompressed chart is larger than the maximum size 104857600");
}

TEST(ArchiveTest, BackslashesAndLongNames) {
  std::string long_name = "x/files/" + std::string(150, 'n') + ".txt";
  std::string tgz = MakeTgz({{"x\\Chart.yaml", kCy}, {"x\\templates\\a.yaml", "k: v\n"}, {long_name, "long"}});
  Result<Chart> c = LoadArchive(tgz, Quiet());
  ASSERT_TRUE(c.ok()) << c.status().message();
  ASSERT_EQ(c->templates.size(), 1u);
  EXPECT_EQ(c->templates[0].name, "templates/a.yaml");
  ASSERT_EQ(c->files.size(), 1u);
  EXPECT_EQ(c->files[0].name, long_name.substr(2));
  EXPECT_EQ(c->files[0].data, "long");
}

TEST(ArchiveTest, GzipHeaderErrorsNameTheFile) {
  // testdata/noend.tgz: a tar without end marker, gzipped, then junk where the next gzip member would be.
  const std::string want =
      "file 'testdata/noend.tgz' does not appear to be a valid chart file (details: gzip: invalid header)";
  EXPECT_EQ(Load("testdata/noend.tgz", Quiet()).status().message(), want);
  EXPECT_EQ(LoadArchiveFile("testdata/noend.tgz", Quiet()).status().message(), want);
  EXPECT_EQ(LoadV2("testdata/noend.tgz", Quiet()).status().message(), want);
  EXPECT_EQ(LoadV2("testdata/nothing-here", Quiet()).status().message(),
            "stat testdata/nothing-here: no such file or directory");
}

TEST(ArchiveTest, LazyGzipLikeGo) {
  // helm reads only up to the tar end-of-archive marker: trailing junk and a corrupt CRC after it are
  // never seen.
  std::string tgz = MakeTgz({{"x/Chart.yaml", kCy}});
  EXPECT_TRUE(LoadArchive(tgz + "TRAILING JUNK", Quiet()).ok());
  std::string crc = tgz;
  crc[crc.size() - 8] ^= 1;
  EXPECT_TRUE(LoadArchive(crc, Quiet()).ok());
}

TEST(LoadDirTest, HelmignoreErrorsAndBom) {
  TempDir t;
  t.Write("h1/Chart.yaml", kCy);
  t.Write("h1/.helmignore", "a[\n");
  EXPECT_EQ(LoadDir(t.path() + "/h1", Quiet()).status().message(), "syntax error in pattern");
  t.Write("h2/Chart.yaml", kCy);
  t.Write("h2/.helmignore", "a/**/b\n");
  EXPECT_EQ(LoadDir(t.path() + "/h2", Quiet()).status().message(), "double-star (**) syntax is not supported");
  t.Write("h5/Chart.yaml", "\xef\xbb\xbf" "apiVersion: v2\nname: h5\nversion: 1.0.0\n");
  Result<Chart> bom = Load(t.path() + "/h5", Quiet());
  ASSERT_TRUE(bom.ok()) << bom.status().message();
  EXPECT_EQ(bom->Name(), "h5");
  Result<Chart> h4 = LoadFiles(ChartFiles("apiVersion: v2\nname: h4\nversion: 1.0.0\n", {{"charts/foo.tgz/x", "x", 0}}),
                               Quiet());
  EXPECT_EQ(h4.status().message(), "error unpacking subchart tar in h4: expected foo.tgz, got foo.tgz/x");
}

TEST(LoadFilesTest, NestingIsBounded) {
  std::vector<File> files;
  std::string prefix;
  for (int level = 0; level <= 70; ++level) {
    files.push_back(File{prefix + "Chart.yaml", "apiVersion: v2\nname: a\nversion: 1.0.0\n", 0});
    prefix += "charts/a/";
  }
  Result<Chart> r = LoadFiles(files, Quiet());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().message().starts_with("error unpacking subchart a in a: error unpacking subchart a in a:"));
  EXPECT_TRUE(r.status().message().ends_with(": chart nesting exceeds 64 levels"));
  files.resize(60);
  Result<Chart> ok = LoadFiles(files, Quiet());
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->dependencies[0].dependencies[0].ChartFullPath(), "a/charts/a/charts/a");
}

}  // namespace
}  // namespace helm::chart
