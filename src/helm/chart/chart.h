// The chart model (Helm's pkg/chart/v2): metadata, files, templates, values, dependencies.
//
// A Chart is a plain value tree: a parent owns its dependencies (subcharts) by value. Loaders validate
// untrusted input (paths, sizes) and return Helm's error texts (see loader.h).
//
// Parent pointers: every subchart knows its parent (IsRoot, ChartFullPath, .Chart.IsRoot depend on it).
// Chart's copy and move operations re-point the direct children of the new object at it, and vector
// reallocation moves elements (keeping each element's own parent), so a tree stays consistent through
// copies and moves as long as children are added with AddDependency/SetDependencies. Code that edits
// `dependencies` directly (push_back, erase, assignment of elements) must call LinkParents() afterwards.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "helm/base/result.h"
#include "helm/value/value.h"

namespace helm::chart {

inline constexpr char kApiVersionV1[] = "v1";
inline constexpr char kApiVersionV2[] = "v2";

// A file of a chart, by its slash-separated path relative to the chart root ("templates/svc.yaml").
struct File {
  std::string name;
  std::string data;
  int64_t mod_time_unix = 0;  // seconds; 0 when unknown (saving then stamps the current time)
};

struct Maintainer {
  std::string name;
  std::string email;
  std::string url;
  bool is_null = false;  // a `null` list entry in Chart.yaml; ValidateMetadata rejects it
};

// An entry of Chart.yaml `dependencies:` (or requirements.yaml for apiVersion v1).
struct Dependency {
  std::string name;
  std::string version;
  std::string repository;
  std::string condition;
  std::vector<std::string> tags;
  // As read from the file (normally false); dependency processing sets every entry to true and then
  // applies tags and conditions, as Helm's processDependencyEnabled does.
  bool enabled = false;
  ValueList import_values;      // strings or {child:, parent:} maps
  std::string alias;
  bool is_null = false;  // a `null` list entry; ValidateMetadata rejects it
};

struct Metadata {
  std::string api_version;  // "v1" or "v2"
  std::string name;
  std::string home;
  std::vector<std::string> sources;
  std::string version;
  std::string description;
  std::vector<std::string> keywords;
  std::vector<Maintainer> maintainers;
  std::string icon;
  std::string condition;
  std::string tags;
  std::string app_version;
  bool deprecated = false;
  std::map<std::string, std::string> annotations;
  bool has_annotations = false;  // distinguishes `annotations: {}` from absent (null in .Chart)
  std::string kube_version;
  std::vector<Dependency> dependencies;
  std::string type;  // "", "application" or "library"
};

struct Lock {
  std::string generated;  // RFC 3339 text as written
  std::string digest;
  std::vector<Dependency> dependencies;
};

struct Chart;

// A CRD file of a chart tree (Helm's chart.CRD).
struct Crd {
  std::string name;      // File.name, e.g. "crds/foo.yaml"
  std::string filename;  // ChartFullPath() + "/" + name, e.g. "parent/charts/sub/crds/foo.yaml"
  const File* file = nullptr;  // borrowed from the chart tree
};

struct Chart {
  Metadata metadata;
  std::unique_ptr<Lock> lock;
  std::vector<File> raw;        // every file as loaded
  std::vector<File> templates;  // templates/**
  Value values;                 // values.yaml parsed (a map, possibly empty)
  std::string schema;           // values.schema.json bytes, empty when absent
  bool has_schema = false;      // values.schema.json present (possibly empty)
  std::vector<File> files;      // every other file (README, crds/, files used by .Files)
  std::vector<Chart> dependencies;  // subcharts loaded from charts/
  int64_t mod_time_unix = 0;         // of Chart.yaml
  int64_t schema_mod_time_unix = 0;  // of values.schema.json

  Chart() = default;
  // Copies duplicate files, metadata, the lock and the subchart tree, but share the `values` map (a Value
  // map is a reference, as in Go when Helm copies a Chart struct); children of the copy point at the copy.
  Chart(const Chart& other);
  Chart& operator=(const Chart& other);
  Chart(Chart&& other) noexcept;
  Chart& operator=(Chart&& other) noexcept;
  ~Chart() = default;

  bool IsRoot() const { return parent == nullptr; }
  // Set by loaders and by dependency processing; not owned. See the file comment.
  const Chart* parent = nullptr;

  const std::string& Name() const { return metadata.name; }
  const Chart& Root() const { return parent == nullptr ? *this : parent->Root(); }
  // The chart's path in the tree, e.g. "parent/charts/child", used in template names.
  std::string ChartFullPath() const;
  // The dotted path, e.g. "parent.child" (Helm's ChartPath).
  std::string ChartPath() const;
  // Files under crds/ with a .yaml/.yml/.json extension (case-insensitive), this chart's first, then
  // each dependency's, recursively (Helm's CRDs()).
  std::vector<const File*> CrdObjects() const;
  // The same files with their tree paths (Helm's CRDObjects()).
  std::vector<Crd> CrdEntries() const;

  // Appends a subchart and points it (and its own children) at this chart.
  void AddDependency(Chart child);
  // Replaces the subcharts.
  void SetDependencies(std::vector<Chart> children);
  // Re-points every subchart in the tree at its parent. Needed only after editing `dependencies` directly.
  void LinkParents();
};

// Helm's Metadata.Validate: sanitizes the string fields in place (whitespace -> ' ', non-printable runes
// removed) and checks them. Errors (kInvalidArgument) read "validation: ..." exactly as Helm's.
Status ValidateMetadata(Metadata* md);

// Masterminds semver v3 NewVersion acceptance (the loose form Helm uses for chart versions).
bool IsValidSemver(std::string_view version);

// Helm's `.Chart` object for templates: a map with the Go field names of Metadata (APIVersion,
// Annotations, AppVersion, Condition, Dependencies, Deprecated, Description, Home, Icon, Keywords,
// KubeVersion, Maintainers, Name, Sources, Tags, Type, Version) plus IsRoot. Lists are never null;
// Annotations is null when absent (a map[string]string otherwise); maintainers and dependencies are maps
// keyed by Go field names (Name/Email/URL; Name/Version/Repository/Condition/Tags/Enabled/ImportValues/
// Alias).
Value MetadataToValue(const Chart& chart);

}  // namespace helm::chart
