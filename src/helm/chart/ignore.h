// .helmignore rules (Helm's pkg/ignore).
//
// One pattern per line; blank lines and lines starting with '#' are skipped; patterns are Go
// filepath.Match globs ('*', '?', '[...]', '\' escapes); a leading '!' negates, a leading '/' anchors to
// the chart root, a trailing '/' matches directories only, and a pattern without '/' matches base names.
// "**" is an error. Rules are evaluated in order and the first decision wins, with Helm's quirk that a
// negated rule that does NOT match a path ignores it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"

namespace helm::chart {

inline constexpr char kHelmIgnore[] = ".helmignore";

// Go's path/filepath.Match on '/'-separated paths. Returns kInvalidArgument "syntax error in pattern"
// for malformed patterns (as Go's ErrBadPattern).
Result<bool> GoPathMatch(std::string_view pattern, std::string_view name);

class IgnoreRules {
 public:
  // Parses a .helmignore file's contents. Errors: "double-star (**) syntax is not supported",
  // "syntax error in pattern", "bufio.Scanner: token too long" (a line over 64 KiB).
  static Result<IgnoreRules> Parse(std::string_view contents);

  // Adds Helm's default rule: dot files under templates/ (`templates/.?*`).
  void AddDefaults();

  // Whether the chart-relative slash path should be skipped. `is_dir` tells whether it is a directory.
  bool Ignore(std::string_view path, bool is_dir) const;

 private:
  struct Pattern {
    std::string rule;  // without '!', leading '/' and trailing '/'
    bool negate = false;
    bool must_dir = false;
    bool base_only = false;  // no '/' in the rule: match the base name
  };
  Status AddRule(std::string_view line);
  std::vector<Pattern> patterns_;
};

}  // namespace helm::chart
