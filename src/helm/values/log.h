// Helm's log lines, as its slog text handler prints them to stderr (no time attribute):
//   level=WARN msg="returned non-bool value" path=x.enabled chart=sub
// Go's log.Printf warnings (coalescing) go through the same handler at level INFO.
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace helm::values {

// Receives one complete line without its trailing newline. An empty LogFn discards.
using LogFn = std::function<void(std::string_view line)>;

// Returns a LogFn writing each line plus '\n' to stderr.
LogFn StderrLog();

// Formats a slog text record: level=LEVEL msg=MSG key=value..., quoting values as slog does (Go %q
// when a value is empty or holds a space, '=', '"' or a non-printable character).
std::string FormatLogLine(std::string_view level, std::string_view msg,
                          std::initializer_list<std::pair<std::string_view, std::string_view>> attrs = {});

// Sends a formatted line to `log` when it is set.
void Log(const LogFn& log, std::string_view level, std::string_view msg,
         std::initializer_list<std::pair<std::string_view, std::string_view>> attrs = {});

}  // namespace helm::values
