// Test helpers for the values module.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "helm/chart/chart.h"
#include "helm/values/internal.h"
#include "helm/values/log.h"

namespace helm::values::testing {

// Parses JSON test data the way values files read (numbers are float64).
inline Value J(std::string_view json) {
  Result<Value> v = internal::UnmarshalJson(json);
  EXPECT_TRUE(v.ok()) << v.status().message() << " in " << json;
  return v.ok() ? *v : Value();
}

inline chart::Chart MakeChart(std::string name, std::string_view values_json = "{}") {
  chart::Chart c;
  c.metadata.api_version = "v2";
  c.metadata.name = std::move(name);
  c.metadata.version = "0.1.0";
  c.values = J(values_json);
  return c;
}

// Collects log lines; Sorted() gives them in a stable order (Helm's come in Go's random map order).
struct LogCapture {
  std::vector<std::string> lines;
  LogFn Fn() {
    return [this](std::string_view l) { lines.emplace_back(l); };
  }
  std::vector<std::string> Sorted() const {
    std::vector<std::string> s = lines;
    std::sort(s.begin(), s.end());
    return s;
  }
};

}  // namespace helm::values::testing
