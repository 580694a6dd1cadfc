// `helm search repo` (Helm's pkg/cmd/search_repo.go): searches the cached indexes of every configured
// repository.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "helm/action/repo.h"
#include "helm/base/result.h"
#include "helm/repo/index.h"
#include "helm/repo/search.h"

namespace helm::action {

struct SearchRepoResults {
  // The loaded indexes the results borrow from.
  std::vector<std::unique_ptr<repo::IndexFile>> indexes;
  std::vector<repo::SearchResult> results;
};

// Loads every configured repository's cached index (a missing or corrupt one is skipped with Helm's
// warning line on `err`) and searches them for `keyword` ("" lists everything). Errors: "no repositories
// configured", regexp and version-constraint errors.
Result<SearchRepoResults> SearchRepo(const RepoPaths& paths, const std::string& keyword,
                                     const repo::SearchOptions& opts, std::ostream& err);

}  // namespace helm::action
