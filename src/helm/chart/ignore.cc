#include "helm/chart/ignore.h"

#include "helm/base/strings.h"

namespace helm::chart {

namespace {

Status BadPattern() { return Error(Code::kInvalidArgument, "syntax error in pattern"); }

// Splits off the leading stars and the following chunk up to the next star outside a class.
void ScanChunk(std::string_view* pattern, bool* star, std::string_view* chunk) {
  *star = false;
  while (!pattern->empty() && pattern->front() == '*') {
    pattern->remove_prefix(1);
    *star = true;
  }
  bool in_range = false;
  size_t i = 0;
  for (; i < pattern->size(); ++i) {
    char c = (*pattern)[i];
    if (c == '\\') {
      if (i + 1 < pattern->size()) ++i;
    } else if (c == '[') {
      in_range = true;
    } else if (c == ']') {
      in_range = false;
    } else if (c == '*' && !in_range) {
      break;
    }
  }
  *chunk = pattern->substr(0, i);
  pattern->remove_prefix(i);
}

// One (possibly escaped) character of a class; fails like Go's getEsc.
bool ClassChar(std::string_view* chunk, uint32_t* r) {
  if (chunk->empty() || chunk->front() == '-' || chunk->front() == ']') return false;
  if (chunk->front() == '\\') {
    chunk->remove_prefix(1);
    if (chunk->empty()) return false;
  }
  int w = 1;
  *r = DecodeRune(*chunk, 0, &w);
  bool bad = *r == 0xFFFD && w == 1 && static_cast<unsigned char>(chunk->front()) >= 0x80;
  chunk->remove_prefix(static_cast<size_t>(w));
  return !bad && !chunk->empty();
}

// Matches chunk against the start of s. On success *rest is what is left of s. Keeps scanning the chunk
// after a mismatch so that syntax errors are reported as Go does.
Result<bool> MatchChunk(std::string_view chunk, std::string_view s, std::string_view* rest) {
  bool failed = false;
  while (!chunk.empty()) {
    if (!failed && s.empty()) failed = true;
    char c = chunk.front();
    if (c == '[') {
      uint32_t r = 0;
      if (!failed) {
        int w = 1;
        r = DecodeRune(s, 0, &w);
        s.remove_prefix(static_cast<size_t>(w));
      }
      chunk.remove_prefix(1);
      bool negated = false;
      if (!chunk.empty() && chunk.front() == '^') {
        negated = true;
        chunk.remove_prefix(1);
      }
      bool match = false;
      int nrange = 0;
      while (true) {
        if (!chunk.empty() && chunk.front() == ']' && nrange > 0) {
          chunk.remove_prefix(1);
          break;
        }
        uint32_t lo = 0, hi = 0;
        if (!ClassChar(&chunk, &lo)) return BadPattern();
        hi = lo;
        if (chunk.front() == '-') {
          chunk.remove_prefix(1);
          if (!ClassChar(&chunk, &hi)) return BadPattern();
        }
        if (lo <= r && r <= hi) match = true;
        ++nrange;
      }
      if (match == negated) failed = true;
    } else if (c == '?') {
      if (!failed) {
        if (s.front() == '/') failed = true;
        int w = 1;
        DecodeRune(s, 0, &w);
        s.remove_prefix(static_cast<size_t>(w));
      }
      chunk.remove_prefix(1);
    } else {
      if (c == '\\') {
        chunk.remove_prefix(1);
        if (chunk.empty()) return BadPattern();
      }
      if (!failed) {
        if (chunk.front() != s.front()) failed = true;
        s.remove_prefix(1);
      }
      chunk.remove_prefix(1);
    }
  }
  if (failed) return false;
  *rest = s;
  return true;
}

}  // namespace

Result<bool> GoPathMatch(std::string_view pattern, std::string_view name) {
  while (!pattern.empty()) {
    bool star = false;
    std::string_view chunk;
    ScanChunk(&pattern, &star, &chunk);
    if (star && chunk.empty()) return name.find('/') == std::string_view::npos;
    std::string_view rest;
    Result<bool> m = MatchChunk(chunk, name, &rest);
    if (m.ok() && *m && (rest.empty() || !pattern.empty())) {
      name = rest;
      continue;
    }
    if (!m.ok()) return m.status();
    bool advanced = false;
    if (star) {
      for (size_t i = 0; i < name.size() && name[i] != '/'; ++i) {
        Result<bool> m2 = MatchChunk(chunk, name.substr(i + 1), &rest);
        if (m2.ok() && *m2) {
          if (pattern.empty() && !rest.empty()) continue;
          name = rest;
          advanced = true;
          break;
        }
        if (!m2.ok()) return m2.status();
      }
    }
    if (advanced) continue;
    // No match: still report a malformed remainder of the pattern.
    while (!pattern.empty()) {
      ScanChunk(&pattern, &star, &chunk);
      std::string_view ignored;
      Result<bool> m3 = MatchChunk(chunk, "", &ignored);
      if (!m3.ok()) return m3.status();
    }
    return false;
  }
  return name.empty();
}

Result<IgnoreRules> IgnoreRules::Parse(std::string_view contents) {
  IgnoreRules rules;
  if (contents.starts_with("\xEF\xBB\xBF")) contents.remove_prefix(3);
  while (!contents.empty()) {
    size_t nl = contents.find('\n');
    std::string_view line = contents.substr(0, nl);
    contents = nl == std::string_view::npos ? std::string_view() : contents.substr(nl + 1);
    // bufio.Scanner's default token limit.
    if (line.size() >= 64 * 1024) return Error(Code::kInvalidArgument, "bufio.Scanner: token too long");
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    HELM_RETURN_IF_ERROR(rules.AddRule(line));
  }
  return rules;
}

void IgnoreRules::AddDefaults() { (void)AddRule("templates/.?*"); }

Status IgnoreRules::AddRule(std::string_view line) {
  std::string_view rule = TrimSpace(line);
  if (rule.empty() || rule.front() == '#') return OkStatus();
  if (rule.find("**") != std::string_view::npos) {
    return Error(Code::kInvalidArgument, "double-star (**) syntax is not supported");
  }
  // Validate the whole rule (the '!' and '/' included) as Go does before stripping them.
  Result<bool> check = GoPathMatch(rule, "abc");
  if (!check.ok()) return check.status();
  Pattern p;
  if (rule.front() == '!') {
    p.negate = true;
    rule.remove_prefix(1);
  }
  if (!rule.empty() && rule.back() == '/') {
    p.must_dir = true;
    rule.remove_suffix(1);
  }
  if (!rule.empty() && rule.front() == '/') {
    rule.remove_prefix(1);
  } else if (rule.find('/') == std::string_view::npos) {
    p.base_only = true;
  }
  p.rule = std::string(rule);
  patterns_.push_back(std::move(p));
  return OkStatus();
}

bool IgnoreRules::Ignore(std::string_view path, bool is_dir) const {
  if (path.empty() || path == "." || path == "./") return false;
  for (const Pattern& p : patterns_) {
    std::string_view subject = path;
    if (p.base_only) {
      // filepath.Base: the last element, trailing slashes removed.
      while (subject.size() > 1 && subject.back() == '/') subject.remove_suffix(1);
      size_t slash = subject.rfind('/');
      if (slash != std::string_view::npos && subject.size() > 1) subject = subject.substr(slash + 1);
    }
    auto matches = [&] {
      Result<bool> m = GoPathMatch(p.rule, subject);
      return m.ok() && *m;
    };
    if (p.negate) {
      if (p.must_dir && !is_dir) return true;
      if (!matches()) return true;
      continue;
    }
    if (p.must_dir && !is_dir) continue;
    if (matches()) return true;
  }
  return false;
}

}  // namespace helm::chart
