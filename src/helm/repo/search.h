// `helm search repo` (Helm's pkg/cmd/search and search_repo.go): an index of "repo/chart" lines searched
// literally or by regular expression, Helm's scoring and ordering, and version constraints.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"
#include "helm/repo/index.h"

namespace helm::repo {

struct SearchResult {
  std::string name;               // "repo/chart"
  int score = 0;                  // 0: name match, 1: repo/name, 2: description, 3: keywords
  const ChartVersion* chart = nullptr;  // borrowed from the IndexFile given to AddRepo
};

class SearchIndex {
 public:
  // Helm's AddRepo: the newest version of each chart, or every version when `all`. `index` must outlive
  // this object and is sorted in place (SortEntries).
  void AddRepo(std::string_view repo_name, IndexFile& index, bool all);

  // Every indexed chart (Helm's All), unsorted.
  std::vector<SearchResult> All() const;
  // Helm's Search: case-insensitive substring (literal) or RE2 regular expression over
  // "name\vrepo/name\vdescription\vkeywords", keeping results scoring below `threshold` (Helm uses 25).
  // Errors: the regexp's parse error (kInvalidArgument), as Go's regexp prints it where RE2 agrees.
  Result<std::vector<SearchResult>> Search(std::string_view term, int threshold, bool regexp) const;

 private:
  struct Line {
    std::string name;  // "repo/chart"
    std::string text;
    const ChartVersion* chart;
  };
  std::map<std::string, Line> lines_;  // keyed as Helm's map ("repo/chart" or "repo/chart$$version")
};

// Helm's SortScore: by score, then name, then version (newest first).
void SortScore(std::vector<SearchResult>* results);

struct SearchOptions {
  bool regexp = false;
  bool versions = false;  // --versions: every version, not only the newest match per chart
  bool devel = false;     // --devel: include prereleases (when `version` is empty)
  std::string version;    // --version constraint
};

// The whole of `helm search repo [KEYWORD]` over already loaded repositories (name -> index): builds the
// index of every version (as Helm does once it has filled in the default constraint), searches (every chart when `keyword` is empty),
// sorts, and applies the version constraint (">0.0.0", or ">0.0.0-0" with --devel, when none is given),
// keeping only the first match per chart unless --versions. Errors: "an invalid version/constraint
// format: ...".
Result<std::vector<SearchResult>> SearchRepositories(std::vector<std::pair<std::string, IndexFile*>> repos,
                                                     std::string_view keyword, const SearchOptions& opts);

}  // namespace helm::repo
