// repositories.yaml (Helm's repo.File and repo.Entry) and the repository cache: downloading a
// repository's index (ChartRepository.DownloadIndexFile) and a compact binary cache of parsed indexes.
//
// The file format is exactly what Helm writes, so Helm and this library can share one HELM_HOME.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"
#include "helm/getter/getter.h"
#include "helm/repo/index.h"

namespace helm::repo {

// A repository (Helm's repo.Entry).
struct Entry {
  std::string name, url, username, password, cert_file, key_file, ca_file;
  bool insecure_skip_tls_verify = false;
  bool pass_credentials_all = false;

  // Getter options for requests to this repository.
  getter::GetterOptions GetterOptions() const;
};

// repositories.yaml (Helm's repo.File).
struct RepoFile {
  std::string api_version;                          // "" in a file created by `helm repo add`
  std::string generated = "0001-01-01T00:00:00Z";   // RFC 3339 text
  std::vector<Entry> repositories;

  // Appends (Helm's Add: no duplicate check).
  void Add(Entry e) { repositories.push_back(std::move(e)); }
  // Replaces the entry with the same name, or appends.
  void Update(Entry e);
  bool Has(std::string_view name) const { return Get(name) != nullptr; }
  // The entry named `name`, or nullptr. Borrowed from this file.
  const Entry* Get(std::string_view name) const;
  // Removes every entry named `name`; true when there was one.
  bool Remove(std::string_view name);
};

// Helm's NewFile: apiVersion v1, generated now.
RepoFile NewRepoFile();

// Helm's LoadFile (lenient yaml.Unmarshal). Errors: "couldn't load repositories file (PATH): ..." with
// kNotFound when the file does not exist; YAML decode errors (kParse).
Result<RepoFile> LoadRepoFile(const std::string& path);
// yaml.Marshal(File) byte for byte.
std::string MarshalRepoFile(const RepoFile& f);
// Writes the file (creating its directory), mode `mode`.
Status WriteRepoFile(const RepoFile& f, const std::string& path, int mode = 0600);

// Helm's ResolveReferenceURL(base, "index.yaml") and the like: `ref` resolved against `base` treated as a
// directory (a trailing slash added); the base's query string is kept; absolute refs are returned as is.
std::string ResolveReferenceUrl(std::string_view base, std::string_view ref);

// Cache file names inside the repository cache directory (helmpath.CacheIndexFile/CacheChartsFile).
std::string CacheIndexFile(std::string_view repo_name);   // "<name>-index.yaml"
std::string CacheChartsFile(std::string_view repo_name);  // "<name>-charts.txt"

// Helm's ChartRepository.DownloadIndexFile: GET <url>/index.yaml with the entry's credentials and TLS
// options, check that it loads as an index (errors as LoadIndex's), write <cache_dir>/<name>-charts.txt
// (one chart name per line, sorted) and <cache_dir>/<name>-index.yaml, and refresh the binary cache
// (see LoadIndexCached). Returns the index file's path.
Result<std::string> DownloadIndexFile(const Entry& entry, const std::string& cache_dir);

// LoadIndexFile through a binary cache stored next to the index as "<index path>.hcache" (Helm never
// reads it). The cache is keyed by the source's size, mtime and sha256; when it is missing, stale or
// corrupt the YAML/JSON is parsed and the cache rewritten (write failures are ignored). Errors as
// LoadIndexFile's.
Result<IndexFile> LoadIndexCached(const std::string& index_path, const LoadIndexOptions& opts = {});

// The binary form itself (exposed for tests and tools): Serialize writes `index` tagged with `key`;
// Deserialize returns kNotFound when the key differs and kParse when the data are corrupt.
std::string SerializeIndex(const IndexFile& index, std::string_view key);
Result<IndexFile> DeserializeIndex(std::string_view data, std::string_view key);

}  // namespace helm::repo
