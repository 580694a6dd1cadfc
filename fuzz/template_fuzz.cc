// Fuzzes the text/template lexer, parser and executor (builtins only) with arbitrary template text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "helm/template/template.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using helm::Value;
  using helm::ValueList;
  using helm::ValueMap;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  helm::tmpl::Options opts;
  opts.max_exec_depth = 200;  // keep recursive {{template}} cheap
  helm::tmpl::TemplateSet set(opts);
  if (!set.Parse("fuzz", text).ok()) return 0;
  static const Value kData = Value(ValueMap{
      {"Values", Value(ValueMap{{"a", 1.0}, {"s", "str"}, {"l", Value(ValueList{1, "x", Value()})},
                                {"m", Value(ValueMap{{"k", "v"}})}, {"n", Value()}})},
  });
  std::string out;
  (void)set.Execute("fuzz", kData, &out);
  return 0;
}
