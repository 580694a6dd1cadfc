#include "helm/action/search.h"

#include "helm/base/fs.h"
#include "helm/repo/repo.h"

namespace helm::action {

Result<SearchRepoResults> SearchRepo(const RepoPaths& paths, const std::string& keyword,
                                     const repo::SearchOptions& opts, std::ostream& err) {
  auto rf = repo::LoadRepoFile(paths.repository_config);
  // Helm's LoadFile yields an empty file next to any load error, so every failure reads as "none".
  if (!rf.ok() || rf->repositories.empty()) return Error(Code::kNotFound, "no repositories configured");
  SearchRepoResults out;
  std::vector<std::pair<std::string, repo::IndexFile*>> repos;
  for (const repo::Entry& e : rf->repositories) {
    const std::string path = JoinPath(paths.repository_cache, repo::CacheIndexFile(e.name));
    auto idx = repo::LoadIndexCached(path);
    if (!idx.ok()) {
      err << SlogWarn("repo is corrupt or missing", {{"repo", e.name}, {"error", idx.status().message()}})
          << "\n";
      continue;
    }
    out.indexes.push_back(std::make_unique<repo::IndexFile>(std::move(*idx)));
    repos.emplace_back(e.name, out.indexes.back().get());
  }
  HELM_ASSIGN_OR_RETURN(out.results, repo::SearchRepositories(std::move(repos), keyword, opts));
  return out;
}

}  // namespace helm::action
