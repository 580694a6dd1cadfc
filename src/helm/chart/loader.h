// Chart loading (Helm's pkg/chart/loader, pkg/chart/v2/loader and pkg/chart/loader/archive).
//
// Every loader returns a validated chart tree whose subcharts have their parent pointers set (see
// chart.h). Errors carry Helm's texts, byte for byte, e.g. "Chart.yaml file is missing",
// "validation: chart.metadata.name is required", "cannot load values.yaml: ...",
// "error unpacking subchart sub in parent: ...". Codes: kNotFound for missing paths, kParse for YAML/JSON
// decoding, kInvalidArgument for validation and hostile archives, kIo for read failures.
//
// Archives are untrusted input: entries are confined to the chart root (absolute paths, ".." and drive
// letters are rejected), symlinks and hard links in archives are read as the (empty) files Go's tar
// reader yields, never followed, and sizes are capped (kMaxDecompressedChartSize in total,
// kMaxDecompressedFileSize per file). Directories are walked following symlinks, as Helm does, and
// filtered by .helmignore.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"
#include "helm/chart/chart.h"
#include "helm/value/value.h"

namespace helm::chart {

// Options shared by the loaders.
struct LoadOptions {
  // Receives Helm's log lines as its slog text handler prints them, without the newline, e.g.
  // `level=INFO msg="found symbolic link in path. Contents of linked file included and used" path=/c/t/l
  // resolved=/x/l` or the requirements.yaml/.lock deprecation warnings. Defaults to stderr; set an empty
  // function to discard.
  std::function<void(std::string_view line)> log = StderrLog();

  static std::function<void(std::string_view line)> StderrLog();
};

inline constexpr int64_t kMaxDecompressedChartSize = 100 * 1024 * 1024;  // 100 MiB
inline constexpr int64_t kMaxDecompressedFileSize = 5 * 1024 * 1024;     // 5 MiB

// Helm's top-level loader.Load (what `helm template/install/upgrade` use): a directory or an archive
// file. Reads Chart.yaml's apiVersion first; "v1", "v2" or absent go to the v2 loader; "v3" charts
// (experimental in Helm 4, refused by every action) fail with kUnsupported "invalid chart apiVersion" once
// they load; other versions fail with "unsupported chart version". Directory errors: "unable to detect chart at <abs>/Chart.yaml:
// open ...: no such file or directory". Archive errors: "file '<path>' does not appear to be a valid chart
// file (details: gzip: invalid header)", "unable to load chart archive" (any other archive problem, as
// Helm hides the detail there), "unable to detect chart version, no Chart.yaml found", "file '<path>'
// seems to be a YAML file, but expected a gzipped archive", "file '<path>' does not appear to be a
// gzipped archive; got '<mime>'".
Result<Chart> Load(const std::string& path, const LoadOptions& opts = {});

// The v2 loader's entry points (pkg/chart/v2/loader), used by `helm show`, `dependency`, `package`.
Result<Chart> LoadV2(const std::string& path, const LoadOptions& opts = {});  // directory or archive file
Result<Chart> LoadDir(const std::string& dir, const LoadOptions& opts = {});
Result<Chart> LoadArchiveFile(const std::string& path, const LoadOptions& opts = {});  // v2 LoadFile
Result<Chart> LoadArchive(std::string_view gzipped_tar, const LoadOptions& opts = {});

// The common core: builds a chart from chart-relative files (Chart.yaml, Chart.lock, values.yaml,
// values.schema.json, requirements.yaml/.lock, templates/, charts/ subdirectories and .tgz archives,
// recursively; everything else into `files`), then validates the metadata. Subcharts are loaded in name
// order (Helm's order is Go map order, i.e. random). As our own guard against self-similar archives,
// nesting deeper than 64 subchart levels fails with "chart nesting exceeds 64 levels".
Result<Chart> LoadFiles(std::vector<File> files, const LoadOptions& opts = {});

// Reads a gzipped tar chart archive into chart-relative files (the archive's top directory stripped),
// with Helm's path and size checks. Errors: "gzip: invalid header", "chart illegally contains absolute
// paths", "chart illegally references parent directory", "chart illegally contains content outside the
// base directory: \"x\"", "chart contains illegally named files", "chart yaml not in base directory",
// "decompressed chart is larger than the maximum size 104857600", "decompressed chart file \"x\" is larger
// than the maximum file size 5242880", "no files in chart archive", "archive/tar: invalid tar header",
// "unexpected EOF".
Result<std::vector<File>> LoadArchiveFiles(std::string_view gzipped_tar);

// Helm's archive.EnsureArchive on the first 512 bytes of a file: checks that it looks like gzip.
Status EnsureArchive(const std::string& name, std::string_view head);

// Helm's loader.LoadValues: one or more YAML documents (separated by "---" lines), each a map, merged
// (later documents win, maps merged recursively). Errors: "error reading yaml document: invalid Yaml
// document separator: X", "cannot unmarshal yaml document: ...".
Result<Value> LoadValues(std::string_view data);

// Helm's loader.MergeMaps: a new map with b's keys over a's, nested maps merged recursively.
Value MergeMaps(const Value& a, const Value& b);

}  // namespace helm::chart
