#include "helm/cli/output.h"

#include <gtest/gtest.h>

namespace helm::cli {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// Expected texts are real Helm v4.2.4's (`helm search repo`, `helm repo list` over tests/repo/testdata).
TEST(FormatTable, MatchesUitable) {
  struct Case {
    Rows rows;
    size_t max;
    std::string want;
  } cases[] = {
      {{{"NAME", "URL"}, {"main", "http://127.0.0.1:18879/main"}, {"other", "http://127.0.0.1:18879/other"}},
       0,
       "NAME \tURL                         \nmain \thttp://127.0.0.1:18879/main \nother\thttp://127.0.0.1:18879/other\n"},
      {{{"NAME", "CHART VERSION", "APP VERSION", "DESCRIPTION"},
        {"main/alpha", "0.2.0", "1.1", "Alpha chart for testing"},
        {"main/nginx-like", "2.3.4", "1.25", "Web server chart"}},
       10,
       "NAME      \tCHART V...\tAPP VER...\tDESCRIP...\nmain/alpha\t0.2.0     \t1.1       \tAlpha c...\n"
       "main/ng...\t2.3.4     \t1.25      \tWeb ser...\n"},
      {{{"NAME", "DESCRIPTION"},
        {"main/beta", "A beta database chart with a rather long description that exceeds fifty columns"}},
       50,
       "NAME     \tDESCRIPTION                                       \n"
       "main/beta\tA beta database chart with a rather long descri...\n"},
  };
  for (const Case& c : cases) EXPECT_EQ(FormatTable(c.rows, c.max), c.want);
}

}  // namespace
}  // namespace helm::cli
