#include "helm/repo/repo.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "helm/base/fs.h"

namespace helm::repo {
namespace {

std::string TempDir() {
  char tmpl[] = "/tmp/repo_file_test_XXXXXX";
  char* d = mkdtemp(tmpl);
  return d ? d : "";
}

// testdata/golden-repositories.yaml was written by the reference `helm repo add myrepo URL` and
// `helm repo add second URL/ --username u --password p --insecure-skip-tls-verify --pass-credentials`.
TEST(RepoFile, RoundTripsHelmsFile) {
  auto golden = ReadFile("testdata/golden-repositories.yaml");
  ASSERT_TRUE(golden.ok());
  auto f = LoadRepoFile("testdata/golden-repositories.yaml");
  ASSERT_TRUE(f.ok()) << f.status().message();
  ASSERT_EQ(f->repositories.size(), 2u);
  EXPECT_EQ(f->repositories[1].username, "u");
  EXPECT_TRUE(f->repositories[1].insecure_skip_tls_verify);
  EXPECT_TRUE(f->repositories[1].pass_credentials_all);
  EXPECT_EQ(MarshalRepoFile(*f), *golden);

  // Building the same file through the API gives the same bytes.
  RepoFile g;
  g.api_version = "";
  g.Add({.name = "myrepo", .url = "http://127.0.0.1:18734"});
  Entry second{.name = "second", .url = "http://127.0.0.1:18734/", .username = "u", .password = "p"};
  second.insecure_skip_tls_verify = second.pass_credentials_all = true;
  g.Update(second);
  EXPECT_EQ(MarshalRepoFile(g), *golden);
  EXPECT_TRUE(g.Has("second"));
  EXPECT_TRUE(g.Remove("second"));
  EXPECT_FALSE(g.Remove("second"));
  EXPECT_EQ(g.repositories.size(), 1u);

  auto missing = LoadRepoFile("testdata/nope.yaml");
  EXPECT_EQ(missing.code(), Code::kNotFound);
  EXPECT_TRUE(missing.status().message().starts_with("couldn't load repositories file (testdata/nope.yaml): "));
}

TEST(ResolveReferenceUrl, Cases) {
  EXPECT_EQ(ResolveReferenceUrl("http://h/charts", "index.yaml"), "http://h/charts/index.yaml");
  EXPECT_EQ(ResolveReferenceUrl("http://h/charts/", "index.yaml"), "http://h/charts/index.yaml");
  EXPECT_EQ(ResolveReferenceUrl("http://h", "index.yaml"), "http://h/index.yaml");
  EXPECT_EQ(ResolveReferenceUrl("http://h/c?token=1", "index.yaml"), "http://h/c/index.yaml?token=1");
  EXPECT_EQ(ResolveReferenceUrl("http://h/c", "https://x/y.tgz"), "https://x/y.tgz");
}

TEST(IndexCache, HitInvalidateCorrupt) {
  std::string dir = TempDir();
  std::string path = dir + "/r-index.yaml";
  auto src = ReadFile("testdata/golden-index-url.yaml");
  ASSERT_TRUE(src.ok());
  ASSERT_TRUE(WriteFileAtomic(path, *src).ok());
  auto first = LoadIndexCached(path);
  ASSERT_TRUE(first.ok()) << first.status().message();
  ASSERT_TRUE(PathExists(path + ".hcache"));
  auto second = LoadIndexCached(path);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(MarshalIndexYaml(*first), MarshalIndexYaml(*second));

  // Source changes invalidate the cache.
  std::string changed = *src;
  changed.replace(changed.find("version: 1.2.0"), 14, "version: 1.2.1");
  ASSERT_TRUE(WriteFileAtomic(path, changed).ok());
  auto third = LoadIndexCached(path);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->entries.at("libkit")[0].version(), "1.2.1");

  // A corrupt cache is ignored and rebuilt.
  auto cache = ReadFile(path + ".hcache");
  ASSERT_TRUE(cache.ok());
  ASSERT_TRUE(WriteFileAtomic(path + ".hcache", cache->substr(0, cache->size() / 2)).ok());
  auto fourth = LoadIndexCached(path);
  ASSERT_TRUE(fourth.ok());
  EXPECT_EQ(fourth->entries.at("libkit")[0].version(), "1.2.1");
  auto rebuilt = ReadFile(path + ".hcache");
  EXPECT_EQ(rebuilt->size(), cache->size());
  // Deserializing every truncation fails cleanly.
  for (size_t n = 0; n < rebuilt->size(); n += 7) {
    EXPECT_FALSE(DeserializeIndex(rebuilt->substr(0, n), "x").ok());
  }
  std::system(("rm -rf " + dir).c_str());
}

TEST(IndexCache, BigIndexTiming) {
  const std::string gz = "/work/shared/bench-data/bitnami-full-index.yaml.gz";
  if (!PathExists(gz)) GTEST_SKIP();
  std::string dir = TempDir();
  std::string path = dir + "/bitnami-index.yaml";
  ASSERT_EQ(std::system(("gzip -dc " + gz + " > " + path).c_str()), 0);
  auto t0 = std::chrono::steady_clock::now();
  auto a = LoadIndexCached(path);
  auto t1 = std::chrono::steady_clock::now();
  auto b = LoadIndexCached(path);
  auto t2 = std::chrono::steady_clock::now();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->entries.size(), b->entries.size());
  EXPECT_EQ(MarshalIndexYaml(*a), MarshalIndexYaml(*b));
  auto cache = ReadFile(path + ".hcache");
  std::printf("bitnami: parse+cache write %.0f ms, cached load %.0f ms, cache %zu bytes\n",
              std::chrono::duration<double, std::milli>(t1 - t0).count(),
              std::chrono::duration<double, std::milli>(t2 - t1).count(), cache.ok() ? cache->size() : 0);
  std::system(("rm -rf " + dir).c_str());
}

// DownloadIndexFile against a local python http.server serving testdata/.
TEST(DownloadIndexFile, FromLocalServer) {
  std::string dir = TempDir();
  std::string serve = dir + "/serve";
  ASSERT_EQ(std::system(("mkdir -p " + serve + " && cp testdata/golden-index-url.yaml " + serve + "/index.yaml").c_str()), 0);
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    execlp("python3", "python3", "-c",
           "import http.server,functools,sys\n"
           "h=functools.partial(http.server.SimpleHTTPRequestHandler,directory=sys.argv[1])\n"
           "h.log_message=lambda *a:None\n"
           "s=http.server.HTTPServer(('127.0.0.1',0),h)\nprint(s.server_address[1],flush=True)\ns.serve_forever()\n",
           serve.c_str(), nullptr);
    _exit(127);
  }
  close(out[1]);
  FILE* f = fdopen(out[0], "r");
  int port = 0;
  ASSERT_EQ(fscanf(f, "%d", &port), 1);
  fclose(f);
  std::string url = "http://127.0.0.1:" + std::to_string(port);
  Entry e{.name = "myrepo", .url = url};
  auto p = DownloadIndexFile(e, dir + "/cache");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(*p, dir + "/cache/myrepo-index.yaml");
  EXPECT_EQ(*ReadFile(dir + "/cache/myrepo-charts.txt"), "libkit\nmetricsd\nwebapp\n");
  EXPECT_TRUE(PathExists(*p + ".hcache"));
  Entry bad{.name = "bad", .url = url + "/nope"};
  auto err = DownloadIndexFile(bad, dir + "/cache");
  EXPECT_EQ(err.status().message(), "failed to fetch " + url + "/nope/index.yaml : 404 File not found");
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  std::system(("rm -rf " + dir).c_str());
}

}  // namespace
}  // namespace helm::repo
