// Splitting rendered templates into manifests and sorting them as Helm's releaseutil does.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"
#include "helm/release/hook.h"
#include "helm/yaml/yaml.h"

namespace helm::release {

// The fields of a manifest's head that Helm reads (releaseutil.SimpleHead).
using SimpleHead = yaml::ManifestHead;

struct Manifest {
  std::string name;     // template path, e.g. "chart/templates/svc.yaml"
  std::string content;  // one YAML document
  SimpleHead head;
};

// Splits a multi-document text on lines starting with "---" (releaseutil.SplitManifests): leading white
// space of the text and of each document is dropped, blank documents are skipped. The result keeps the
// documents in order (Helm's map "manifest-N" sorted by N).
std::vector<std::string> SplitManifests(std::string_view big_file);

// Kind orders used for sorting.
const std::vector<std::string>& InstallOrder();
const std::vector<std::string>& UninstallOrder();

struct SortedManifests {
  std::vector<Hook> hooks;
  std::vector<Manifest> manifests;
  // helm.sh/hook values naming an unknown event, whose documents were dropped (Helm logs
  // `level=INFO msg="skipping unknown hooks" hookTypes=VALUE` for each).
  std::vector<std::string> unknown_hooks;
};

// releaseutil.SortManifests: takes rendered templates by name, skips partials ("_*") and blank ones, splits
// each into documents (files in byte order of their names), parses each head and separates hooks (with a
// known helm.sh/hook event; documents naming an unknown event are dropped) from plain manifests; both lists
// are then stably sorted by kind in `ordering`. Errors: kParse "YAML parse error on PATH: <go-yaml error>".
Result<SortedManifests> SortManifests(const std::map<std::string, std::string>& files,
                                      const std::vector<std::string>& ordering);

}  // namespace helm::release
