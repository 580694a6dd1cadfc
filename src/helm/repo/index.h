// The chart repository index (Helm's pkg/repo/v1/index.go): model, a fast loader, Get, Merge, directory
// indexing and writing in Helm's exact YAML/JSON form.
//
// Loading follows Helm's loadIndex: JSON bodies (what `helm repo index --json` writes) and YAML bodies are
// both accepted; decoding is strict like yaml.UnmarshalStrict (unknown fields and wrongly typed scalars fail
// with encoding/json's texts, e.g. `error unmarshaling JSON: while decoding JSON: json: unknown field
// "bogus"`); empty entries and entries failing chart metadata validation are skipped with a warning; an
// absent apiVersion fails with "no API version specified"; versions are sorted newest first.
// The YAML loader works on libyaml's event stream straight into the typed model (no generic tree), which
// is what makes multi-megabyte indexes cheap.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"
#include "helm/chart/chart.h"

namespace helm::repo {

inline constexpr char kApiVersionV1[] = "v1";

// A chart version of an index (Helm's ChartVersion: embedded chart metadata plus the index fields).
struct ChartVersion {
  chart::Metadata metadata;
  std::vector<std::string> urls;
  // RFC 3339 text as Go's time.Time marshals it ("2006-01-02T15:04:05.999999999Z07:00");
  // "0001-01-01T00:00:00Z" when absent.
  std::string created = "0001-01-01T00:00:00Z";
  bool removed = false;
  std::string digest;

  const std::string& name() const { return metadata.name; }
  const std::string& version() const { return metadata.version; }
};

struct IndexFile {
  std::string api_version;
  std::string generated = "0001-01-01T00:00:00Z";  // same text form as ChartVersion::created
  // Chart name -> versions (newest first after SortEntries / loading).
  std::map<std::string, std::vector<ChartVersion>, std::less<>> entries;
  std::vector<std::string> public_keys;
  std::map<std::string, std::string> annotations;

  // Helm's IndexFile.Get: the newest non-prerelease version when `version` is empty; an exact version
  // string match first; otherwise the first (newest) version satisfying `version` as a semver
  // constraint. Errors: "no chart name found" (kNotFound), "no chart version found" (no versions at all),
  // "no chart version found for NAME-VERSION" (kNotFound), constraint parse errors (kInvalidArgument).
  // The returned pointer borrows from this index.
  Result<const ChartVersion*> Get(std::string_view name, std::string_view version) const;
  bool Has(std::string_view name, std::string_view version) const { return Get(name, version).ok(); }

  // Helm's SortEntries: each chart's versions by semver, newest first (stable for equal versions;
  // unparsable versions last).
  void SortEntries();

  // Helm's Merge: adds every version of `other` whose (name, version) this index lacks, appended to its
  // chart's list (the index may be unsorted afterwards).
  void Merge(const IndexFile& other);
};

// Receives warnings as Helm's slog text handler prints them, without the newline
// (`level=WARN msg="skipping loading invalid entry for chart \"foo\" \"1.0\" from index.yaml: ..."`).
using LogFunc = std::function<void(std::string_view line)>;

struct LoadIndexOptions {
  std::string source = "";  // named in warnings, as Helm's `source`
  LogFunc log;              // empty: warnings are dropped
};

// Helm's loadIndex. Errors (kParse unless noted): "empty index.yaml file" (kInvalidArgument),
// "no API version specified" (kInvalidArgument), YAML/JSON syntax and type errors in sigs.k8s.io/yaml's words.
Result<IndexFile> LoadIndex(std::string_view bytes, const LoadIndexOptions& opts = {});
// Helm's LoadIndexFile: read errors as ReadFile's; decode errors wrapped as "error loading PATH: ...".
Result<IndexFile> LoadIndexFile(const std::string& path, const LoadIndexOptions& opts = {});

// The current time as Go's time.Now() marshals into JSON (UTC, RFC 3339 with nanoseconds, trailing
// zeros trimmed).
std::string NowRfc3339Nano();

// Helm's NewIndexFile: apiVersion v1, generated now (or `generated` when given), no entries.
IndexFile NewIndexFile(std::string generated = "");

struct IndexDirectoryOptions {
  std::string base_url;  // --url; empty: urls are the archive paths relative to the directory
  std::string created;   // stamps every new entry and `generated`; empty: the current time
};

// Helm's IndexDirectory: every *.tgz in `dir` and in its direct subdirectories, loaded as a chart (files
// that do not load are skipped), digested (sha256 hex of the archive bytes) and added with
// urls [URLJoin(base_url, relative dir, file)]. Errors: "failed adding to FILE to index: validate failed
// for FILE: ..." and I/O errors. The result is unsorted, as Helm's is.
Result<IndexFile> IndexDirectory(const std::string& dir, const IndexDirectoryOptions& opts = {});

// Helm's MustAdd: adds a chart version (the metadata's apiVersion defaults to "v1"; metadata is validated).
Status AddChartVersion(IndexFile* index, chart::Metadata md, const std::string& filename,
                       const std::string& base_url, const std::string& digest, const std::string& created);

// yaml.Marshal(IndexFile) byte for byte (keys sorted, omitempty fields left out, `urls: null` when empty).
std::string MarshalIndexYaml(const IndexFile& index);
// json.MarshalIndent(IndexFile, "", "  ") byte for byte (Go struct field order, HTML-safe escaping).
std::string MarshalIndexJson(const IndexFile& index);

// Helm's `repo index` core: IndexDirectory, Merge with `merge_from` when set (a missing merge file is
// created holding an empty index first, as Helm does), SortEntries, write DIR/index.yaml (JSON when
// `json`). Errors: "merge failed: error loading FILE: ...".
struct RepoIndexOptions {
  std::string base_url, merge_from, created;
  bool json = false;
  LogFunc log;
};
Status RepoIndex(const std::string& dir, const RepoIndexOptions& opts);

// sha256 of a file as lowercase hex (Helm's provenance.DigestFile).
Result<std::string> DigestFile(const std::string& path);

}  // namespace helm::repo
