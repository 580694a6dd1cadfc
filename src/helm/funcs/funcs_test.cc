#include "helm/funcs/funcs.h"

#include <gtest/gtest.h>

namespace helm::funcs {
namespace {

TEST(Funcs, Smoke) {
  auto m = SprigFuncMap();
  ASSERT_TRUE(m.count("add"));
}

}  // namespace
}  // namespace helm::funcs
