// Internal helpers shared by the template engine's translation units (not part of the public API).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "helm/value/value.h"

namespace helm::tmpl {

// Go's unicode.IsPrint, IsLetter and IsDigit (tables in unicode_tables.cc).
bool IsPrintRune(uint32_t r);
bool IsLetterRune(uint32_t r);
bool IsDigitRune(uint32_t r);

// The id of a text/template builtin function (and, or, not, ...), or 0 for other names.
uint8_t BuiltinId(std::string_view name);

// Runs fn on a thread with a large, lazily committed stack and waits for it; exceptions thrown by fn are
// rethrown in the caller. Deep template recursion (Go allows 100000 levels) and deeply nested parses use
// it once they get deep. OnBigStack tells whether the current thread is such a thread.
void RunOnBigStack(const std::function<void()>& fn);
bool OnBigStack();

// Appends fmt.Sprint(args...) / fmt.Sprint(v) to *out.
void AppendSprint(std::string* out, std::span<const Value> args);
void AppendValue(std::string* out, const Value& v);

// text/template's HTMLEscapeString, JSEscapeString and url.QueryEscape.
std::string HtmlEscape(std::string_view s);
std::string JsEscape(std::string_view s);
std::string UrlQueryEscape(std::string_view s);

}  // namespace helm::tmpl
