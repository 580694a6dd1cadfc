#include "helm/repo/search.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "helm/base/semver.h"

namespace helm::repo {
namespace {

constexpr char kSep = '\v';
constexpr std::string_view kVerSep = "$$";
constexpr int kSearchMaxScore = 25;

// Helm's calcScore: how many separators precede the match position.
int CalcScore(size_t index, std::string_view line) {
  int score = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != kSep) continue;
    if (index > i) {
      ++score;
      continue;
    }
    return score;
  }
  return score;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Go's regexp/syntax ErrorCode texts for RE2's codes.
std::string GoRegexpErrorCode(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorMissingParen: return "missing closing )";
    case RE2::ErrorUnexpectedParen: return "unexpected )";
    case RE2::ErrorBadCharClass: return "invalid character class";
    case RE2::ErrorBadCharRange: return "invalid character class range";
    case RE2::ErrorMissingBracket: return "missing closing ]";
    case RE2::ErrorBadEscape: return "invalid escape sequence";
    case RE2::ErrorRepeatArgument: return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize: return "invalid repeat count";
    case RE2::ErrorRepeatOp: return "invalid nested repetition operator";
    case RE2::ErrorBadPerlOp: return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8: return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture: return "invalid named capture";
    case RE2::ErrorTrailingBackslash: return "trailing backslash at end of expression";
    default: return "internal error";
  }
}

}  // namespace

void SearchIndex::AddRepo(std::string_view repo_name, IndexFile& index, bool all) {
  index.SortEntries();
  for (const auto& [name, refs] : index.entries) {
    if (refs.empty()) continue;
    std::string fname = std::string(repo_name) + "/" + name;
    auto line = [&](const ChartVersion& cv) {
      std::string s = cv.name();
      s += kSep;
      s += repo_name;
      s += '/';
      s += cv.name();
      s += kSep;
      s += cv.metadata.description;
      s += kSep;
      for (size_t k = 0; k < cv.metadata.keywords.size(); ++k) {
        if (k) s += ' ';
        s += cv.metadata.keywords[k];
      }
      return s;
    };
    if (!all) {
      lines_[fname] = Line{fname, line(refs[0]), &refs[0]};
      continue;
    }
    for (const auto& cv : refs) {
      lines_[fname + std::string(kVerSep) + cv.version()] = Line{fname, line(cv), &cv};
    }
  }
}

std::vector<SearchResult> SearchIndex::All() const {
  std::vector<SearchResult> out;
  out.reserve(lines_.size());
  for (const auto& [key, l] : lines_) out.push_back({l.name, 0, l.chart});
  return out;
}

Result<std::vector<SearchResult>> SearchIndex::Search(std::string_view term, int threshold, bool regexp) const {
  std::vector<SearchResult> out;
  if (regexp) {
    RE2::Options o;
    o.set_log_errors(false);
    RE2 re(term, o);
    if (!re.ok()) {
      return Error(Code::kInvalidArgument,
                   "error parsing regexp: " + GoRegexpErrorCode(re.error_code()) + ": `" + re.error_arg() + "`");
    }
    for (const auto& [key, l] : lines_) {
      re2::StringPiece m;
      if (!re.Match(l.text, 0, l.text.size(), RE2::UNANCHORED, &m, 1)) continue;
      size_t pos = static_cast<size_t>(m.data() - l.text.data());
      int score = CalcScore(pos, l.text);
      if (score < threshold) out.push_back({l.name, score, l.chart});
    }
    return out;
  }
  std::string t = Lower(term);
  for (const auto& [key, l] : lines_) {
    std::string lv = Lower(l.text);
    size_t pos = lv.find(t);
    if (pos == std::string::npos) continue;
    int score = CalcScore(pos, lv);
    if (score < threshold) out.push_back({l.name, score, l.chart});
  }
  return out;
}

void SortScore(std::vector<SearchResult>* results) {
  std::stable_sort(results->begin(), results->end(), [](const SearchResult& a, const SearchResult& b) {
    if (a.score != b.score) return a.score < b.score;
    if (a.name == b.name) {
      auto v1 = ParseSemVersion(a.chart->version());
      auto v2 = ParseSemVersion(b.chart->version());
      // Helm's Less answers true when either version fails to parse; a strict weak order needs a
      // consistent answer, so unparsable versions go last.
      if (!v1.ok() || !v2.ok()) return v1.ok() && !v2.ok();
      return v1->Compare(*v2) > 0;
    }
    return a.name < b.name;
  });
}

Result<std::vector<SearchResult>> SearchRepositories(std::vector<std::pair<std::string, IndexFile*>> repos,
                                                     std::string_view keyword, const SearchOptions& opts) {
  std::string version = opts.version;
  if (version.empty()) version = opts.devel ? ">0.0.0-0" : ">0.0.0";
  SearchIndex index;
  // Helm fills in the default constraint before building the index, so every version is always indexed
  // (a chart whose newest version does not match can still be found through an older one).
  for (auto& [name, idx] : repos) index.AddRepo(name, *idx, /*all=*/true);
  std::vector<SearchResult> res;
  if (keyword.empty()) {
    res = index.All();
  } else {
    HELM_ASSIGN_OR_RETURN(res, index.Search(keyword, kSearchMaxScore, opts.regexp));
  }
  SortScore(&res);
  auto constraint = SemConstraints::Parse(version);
  if (!constraint.ok()) return constraint.status().Wrap("an invalid version/constraint format");
  std::vector<SearchResult> data;
  std::set<std::string, std::less<>> found;
  for (auto& r : res) {
    if (!opts.versions && found.count(r.name)) continue;
    auto v = ParseSemVersion(r.chart->version());
    if (!v.ok()) continue;
    if (constraint->Check(*v)) {
      found.insert(r.name);
      data.push_back(std::move(r));
    }
  }
  return data;
}

}  // namespace helm::repo
