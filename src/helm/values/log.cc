#include "helm/values/log.h"

#include <cstdio>

#include "helm/base/strings.h"
#include "helm/values/internal.h"

namespace helm::values {
namespace {

bool NeedsQuoting(std::string_view s) {
  if (s.empty()) return true;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b != '\\' && (b == ' ' || b == '=' || b == '"' || b < 0x20 || b == 0x7f)) return true;
      ++i;
      continue;
    }
    int width = 1;
    uint32_t r = DecodeRune(s, i, &width);
    if ((r == 0xFFFD && width == 1) || internal::IsGoSpace(r) || !internal::IsGoPrint(r)) return true;
    i += width;
  }
  return false;
}

void AppendValue(std::string* out, std::string_view v) {
  if (NeedsQuoting(v)) {
    out->append(GoQuote(v));
  } else {
    out->append(v);
  }
}

}  // namespace

LogFn StderrLog() {
  return [](std::string_view line) {
    std::string s(line);
    s.push_back('\n');
    std::fwrite(s.data(), 1, s.size(), stderr);
  };
}

std::string FormatLogLine(std::string_view level, std::string_view msg,
                          std::initializer_list<std::pair<std::string_view, std::string_view>> attrs) {
  std::string out = "level=";
  out.append(level);
  out.append(" msg=");
  AppendValue(&out, msg);
  for (const auto& [k, v] : attrs) {
    out.push_back(' ');
    out.append(k);
    out.push_back('=');
    AppendValue(&out, v);
  }
  return out;
}

void Log(const LogFn& log, std::string_view level, std::string_view msg,
         std::initializer_list<std::pair<std::string_view, std::string_view>> attrs) {
  if (log) log(FormatLogLine(level, msg, attrs));
}

}  // namespace helm::values
