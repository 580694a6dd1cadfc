// String helpers with Go's exact semantics, shared by every module that must print like Go does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace helm {

// Go's strconv.FormatFloat(f, fmt, prec, 64) for fmt in 'e', 'E', 'f', 'g', 'G'; prec -1 means the shortest
// representation that round-trips. Infinities print "+Inf"/"-Inf", NaN prints "NaN".
std::string FormatFloat(double f, char fmt, int prec);

// Go's strconv.Quote: double-quoted with Go escapes; invalid UTF-8 bytes become \x.. escapes.
std::string GoQuote(std::string_view s);

// Go's strconv.Unquote for "..." , `...` and '...' literals. Returns false on a malformed literal.
bool GoUnquote(std::string_view literal, std::string* out);

// Appends the UTF-8 encoding of rune r (U+FFFD for invalid code points).
void AppendUtf8(std::string* out, uint32_t r);

// Decodes one rune at s[i], sets *width (>=1). Invalid bytes decode as U+FFFD with width 1, as Go does.
uint32_t DecodeRune(std::string_view s, size_t i, int* width);

// Whitespace helpers matching Go's strings.TrimSpace (ASCII + Unicode spaces).
std::string_view TrimSpace(std::string_view s);

// Go's path.Clean: lexical clean-up of a slash-separated path ("a/../b/./c/" -> "b/c", "" -> ".").
std::string CleanPath(std::string_view p);

// strings.Split semantics: Split("", ",") == {""}; an empty separator splits into UTF-8 characters.
std::vector<std::string> Split(std::string_view s, std::string_view sep);

}  // namespace helm
