#include "helm/base/result.h"

#include <gtest/gtest.h>

namespace helm {
namespace {

Result<int> Half(int x) {
  if (x % 2) return Error(Code::kInvalidArgument, "odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  HELM_ASSIGN_OR_RETURN(int h, Half(x));
  HELM_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(ResultTest, PropagatesErrorsAndValues) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "odd");
  EXPECT_EQ(r.status().Wrap("quarter").message(), "quarter: odd");
}

}  // namespace
}  // namespace helm
