// The chart model (Helm's pkg/chart/v2): metadata, files, templates, values, dependencies.
//
// A Chart is a plain value tree: a parent owns its dependencies (subcharts) by value. Loaders validate
// untrusted input (paths, sizes) and return Helm's error texts.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "helm/base/result.h"
#include "helm/value/value.h"

namespace helm::chart {

// A file of a chart, by its slash-separated path relative to the chart root ("templates/svc.yaml").
struct File {
  std::string name;
  std::string data;
  int64_t mod_time_unix = 0;
};

struct Maintainer {
  std::string name;
  std::string email;
  std::string url;
};

// An entry of Chart.yaml `dependencies:` (or requirements.yaml for apiVersion v1).
struct Dependency {
  std::string name;
  std::string version;
  std::string repository;
  std::string condition;
  std::vector<std::string> tags;
  bool enabled = true;          // computed while processing conditions and tags
  ValueList import_values;      // strings or {child:, parent:} maps
  std::string alias;
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

struct Chart {
  Metadata metadata;
  std::unique_ptr<Lock> lock;
  std::vector<File> raw;        // every file as loaded
  std::vector<File> templates;  // templates/**
  Value values;                 // values.yaml parsed (a map, possibly empty)
  std::string schema;           // values.schema.json bytes, empty when absent
  std::vector<File> files;      // every other file (README, crds/, files used by .Files)
  std::vector<Chart> dependencies;  // subcharts loaded from charts/

  bool IsRoot() const { return parent == nullptr; }
  // Set by loaders and by dependency processing; not owned.
  const Chart* parent = nullptr;

  const std::string& Name() const { return metadata.name; }
  // The chart's path in the tree, e.g. "parent/charts/child", used in template names.
  std::string ChartFullPath() const;
  // Files under crds/ (any depth), in load order.
  std::vector<const File*> CrdObjects() const;
};

}  // namespace helm::chart
