// `helm create` (Helm v4.2.4 pkg/cmd/create.go): the scaffold or a starter chart.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "helm/base/result.h"

namespace helm::action {

// Go's filepath.Base and filepath.Dir.
std::string BaseName(const std::string& path);
std::string DirName(const std::string& path);

// Creates the chart `name` (a path: its last element is the chart name, its directory must exist). With a
// starter, copies that chart instead (a relative starter name is looked up under `starters_dir`); the
// metadata is Helm's default (apiVersion v2, version 0.1.0, appVersion 0.1.0, type application). `warn`
// receives the scaffold's "WARNING: File ... already exists. Overwriting." lines. Errors: those of
// chart::Create and chart::CreateFrom.
Status CreateChart(const std::string& name, const std::string& starter, const std::string& starters_dir,
                   const std::function<void(std::string_view line)>& warn);

}  // namespace helm::action
