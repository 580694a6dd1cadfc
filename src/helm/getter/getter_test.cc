#include "helm/getter/getter.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace helm::getter {
namespace {

// Runs testdata/server.py as a child; it serves on a free 127.0.0.1 port until its stdin closes.
class Server {
 public:
  Server() {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      close(in[1]);
      close(out[0]);
      execlp("python3", "python3", "testdata/server.py", nullptr);
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    stdin_ = in[1];
    FILE* f = fdopen(out[0], "r");
    if (f != nullptr && fscanf(f, "%d", &port_) != 1) port_ = 0;
    if (f != nullptr) fclose(f);
  }
  ~Server() {
    if (stdin_ >= 0) close(stdin_);
    if (pid_ > 0) waitpid(pid_, nullptr, 0);
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
  int port_ = 0;
};

class GetterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new Server(); }
  static void TearDownTestSuite() { delete server_; }
  static Server* server_;
};
Server* GetterTest::server_ = nullptr;

TEST_F(GetterTest, Ok) {
  ASSERT_NE(server_->port(), 0);
  auto r = HttpGet(server_->Url("/hello"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, "hello world");
}

TEST_F(GetterTest, UserAgent) {
  auto r = HttpGet(server_->Url("/agent"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, "Helm/4.2.4");
}

TEST_F(GetterTest, NotFoundInHelmWords) {
  std::string url = server_->Url("/nope/index.yaml");
  auto r = HttpGet(url);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Code::kNotFound);
  EXPECT_EQ(r.status().message(), "failed to fetch " + url + " : 404 Not Found");
}

TEST_F(GetterTest, BasicAuth) {
  std::string url = server_->Url("/private/secret");
  auto denied = HttpGet(url);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.status().message(), "failed to fetch " + url + " : 401 Unauthorized");
  GetterOptions opts;
  opts.username = "user";
  opts.password = "pass";
  auto r = HttpGet(url, opts);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, "secret");
}

TEST_F(GetterTest, RedirectSameHostKeepsCredentials) {
  GetterOptions opts;
  opts.username = "user";
  opts.password = "pass";
  auto r = HttpGet(server_->Url("/redirect"), opts);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, "secret");
}

TEST_F(GetterTest, SizeLimit) {
  GetterOptions opts;
  opts.max_response_bytes = 1000;
  auto r = HttpGet(server_->Url("/big"), opts);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("exceeds the limit of 1000 bytes"), std::string::npos);
  opts.max_response_bytes = 2 << 20;
  auto ok = HttpGet(server_->Url("/big"), opts);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->size(), 1u << 20);
}

TEST_F(GetterTest, ConnectionRefused) {
  auto r = HttpGet("http://127.0.0.1:1/index.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Code::kIo);
  EXPECT_EQ(r.status().message(),
            "Get \"http://127.0.0.1:1/index.yaml\": dial tcp 127.0.0.1:1: connect: connection refused");
}

TEST_F(GetterTest, TlsVerifiedByDefault) {
  // A plain-HTTP server spoken to over https fails the TLS handshake rather than silently passing.
  auto r = HttpGet("https://127.0.0.1:" + std::to_string(server_->port()) + "/hello");
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace helm::getter
