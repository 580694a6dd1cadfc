// Golden tests of `helm template`: every case of testdata/cases.txt was run with the reference Helm
// v4.2.4 by testdata/record.sh; we run the same arguments in-process and compare stdout, the exit status,
// stderr (log lines excepted: they go to the process's stderr) and, for --output-dir cases, the files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "helm/base/fs.h"
#include "helm/base/strings.h"
#include "helm/cli/root.h"

namespace helm::cli {
namespace {

struct Case {
  std::string name;
  std::vector<std::string> args;
};

std::vector<Case> LoadCases() {
  std::vector<Case> cases;
  std::ifstream in("testdata/cases.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    Case c;
    words >> c.name;
    std::string w;
    while (words >> w) c.args.push_back(w);
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string Read(const std::string& path) {
  auto r = ReadFile(path);
  return r.ok() ? *r : std::string();
}

std::string DropLogLines(const std::string& s) {
  std::string out;
  for (const std::string& line : Split(s, "\n")) {
    if (line.starts_with("level=")) continue;
    out += line + "\n";
  }
  out.pop_back();
  return out;
}

std::string DumpDir(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  std::string out;
  for (const std::string& f : files) out += "== " + f + "\n" + Read(f);
  return out;
}

class TemplateGoldenTest : public testing::TestWithParam<Case> {};

TEST_P(TemplateGoldenTest, MatchesReferenceHelm) {
  const Case& c = GetParam();
  // Chart paths in cases.txt are relative to testdata/.
  char cwd[4096];
  ASSERT_NE(getcwd(cwd, sizeof(cwd)), nullptr);
  ASSERT_EQ(chdir("testdata"), 0);
  // ctest runs cases in parallel: each --output-dir case writes to its own directory, and the recorded
  // directory name is substituted back before comparing.
  std::vector<std::string> args = c.args;
  std::string recorded_dir, outdir;
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--output-dir") {
      recorded_dir = args[i + 1];
      outdir = recorded_dir + "-" + c.name + "-" + std::to_string(getpid());
      args[i + 1] = outdir;
    }
  }
  auto restore = [&](std::string s) {
    if (outdir.empty()) return s;
    for (size_t p = s.find(outdir); p != std::string::npos; p = s.find(outdir, p + recorded_dir.size())) {
      s.replace(p, outdir.size(), recorded_dir);
    }
    return s;
  };
  if (!outdir.empty()) std::filesystem::remove_all(outdir);
  setenv("HELM_NAMESPACE", "", 1);
  setenv("HOME", "/tmp/helm-cpp-golden-home", 1);  // as testdata/record.sh runs Helm
  std::ostringstream out, err;
  auto root = NewRootCommand();
  int rc = Execute(*root, args, {&out, &err});
  std::string files = outdir.empty() ? "" : restore(DumpDir(outdir));
  if (!outdir.empty()) std::filesystem::remove_all(outdir);
  const std::string base = "template/" + c.name;
  std::string want_out = Read(base + ".out");
  std::string want_err = DropLogLines(Read(base + ".err"));
  int want_rc = std::atoi(Read(base + ".rc").c_str());
  std::string want_files = outdir.empty() ? "" : Read(base + ".files");
  ASSERT_EQ(chdir(cwd), 0);
  EXPECT_EQ(rc, want_rc);
  EXPECT_EQ(restore(out.str()), want_out);
  EXPECT_EQ(DropLogLines(err.str()), want_err);
  EXPECT_EQ(files, want_files);
}

INSTANTIATE_TEST_SUITE_P(Cases, TemplateGoldenTest, testing::ValuesIn(LoadCases()),
                         [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace helm::cli
