// libFuzzer target for the --set family parsers (helm::values strvals) and the JSON values they embed.
// The first byte picks the flavour; the rest is the flag value. Parsing must never crash, and a parse that
// succeeds must leave a map.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "helm/values/strvals.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  helm::Value base = helm::Value::EmptyMap();
  helm::Status s;
  switch (data[0] % 5) {
    case 0: s = helm::values::ParseSet(input, &base); break;
    case 1: s = helm::values::ParseSetString(input, &base); break;
    case 2: s = helm::values::ParseSetJson(input, &base); break;
    case 3: s = helm::values::ParseSetLiteral(input, &base); break;
    default: {
      helm::values::RunesValueReader reader = [](const std::string& path) -> helm::Result<helm::Value> {
        if (path.size() % 2) return helm::Error(helm::Code::kNotFound, "open " + path + ": no such file or directory");
        return helm::Value(path);
      };
      s = helm::values::ParseSetFile(input, &base, reader);
      break;
    }
  }
  if (!base.is_map()) __builtin_trap();
  return 0;
}
