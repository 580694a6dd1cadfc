// Writing charts (Helm's chartutil.Save / `helm package`) and expanding archives (chartutil.Expand /
// `helm pull --untar`).
#pragma once

#include <string>
#include <string_view>

#include "helm/base/result.h"
#include "helm/chart/chart.h"

namespace helm::chart {

// yaml.Marshal of the metadata as Helm does it (`helm show chart`): JSON field names, empty fields
// omitted, keys sorted.
Result<std::string> MarshalMetadata(const Metadata& md);

// Chart.yaml as Helm saves it (chartutil.SaveChartfile, chartutil.Save): MarshalMetadata, except that
// apiVersion v1 charts omit `dependencies` (they live in requirements.yaml).
Result<std::string> MarshalChartfile(const Metadata& md);

// Helm's chartutil.SaveChartfile: writes MarshalChartfile(md) to `filename` (mode 0644).
Status SaveChartfile(const std::string& filename, const Metadata& md);

// Chart.lock as Helm writes it (`generated`, `digest`, `dependencies`).
Result<std::string> MarshalLock(const Lock& lock);

// Serializes the chart tree as Helm's chartutil.Save does: a gzip stream (Go's header with Helm's extra
// field and the comment "Helm") of a tar with `<name>/Chart.yaml` (re-marshaled), `<name>/Chart.lock`
// (v2 charts with a lock), `values.yaml` (raw bytes), `values.schema.json`, templates, files and each
// dependency under `<name>/charts/<dep>/`, every entry mode 0644 with the file's modification time (the
// current time when unknown). Validates first: errors "chart validation: validation: ...",
// "\"x/y\" is not a valid chart name", "invalid JSON in values.schema.json".
Result<std::string> ArchiveBytes(const Chart& chart);

// Writes ArchiveBytes to `<out_dir>/<name>-<version>.tgz` (creating out_dir) and sets *out_path to that
// path. Errors: as ArchiveBytes, "is not a directory: <dir>", I/O errors.
Status SaveArchive(const Chart& chart, const std::string& out_dir, std::string* out_path);

// Helm's chartutil.SaveDir: writes the chart as files under <dest>/<name>/: Chart.yaml (MarshalChartfile),
// values.yaml (raw bytes), values.schema.json, templates and files; each dependency as an archive in
// charts/. Errors: "\"a/b\" is not a valid chart name", "file <dir> already exists and is not a
// directory", "saving <dep path>: ...".
Status SaveDir(const Chart& chart, const std::string& dest);

// Helm's chartutil.Expand: extracts a chart archive into <dir>/<chart name>/ (files verbatim; paths are
// already confined by LoadArchiveFiles). Errors: archive errors, "cannot load Chart.yaml: ...",
// "chart name not specified", "chart name \"..\" is not allowed", "chart name \"a/b\" must not contain path
// separators".
Status ExpandArchive(const std::string& dir, std::string_view gzipped_tar);

}  // namespace helm::chart
