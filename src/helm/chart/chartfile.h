// Chart.yaml, Chart.lock and requirements.yaml decoding with Helm's exact semantics and errors.
//
// Helm reads these files with sigs.k8s.io/yaml into typed Go structs: YAML -> generic object (scalars
// that land in a string field become strings: `version: 1.0` gives "1", floats formatted with 32-bit
// precision) -> JSON -> encoding/json. Type mismatches therefore produce encoding/json's texts, e.g.
// "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field
// Metadata.sources of type []string". Field names match case-insensitively; unknown fields are ignored;
// of several mismatches the first in sorted key order is reported.
//
// Known approximation: our YAML layer hands numbers over as float64, so an integer-valued number that
// lands in a string field is printed as an integer even when the YAML wrote it as a float >= 1e21.
#pragma once

#include <string>
#include <string_view>

#include "helm/base/result.h"
#include "helm/chart/chart.h"
#include "helm/value/value.h"

namespace helm::chart {

// yaml.Unmarshal(data, md) for a *Metadata that may already hold fields (requirements.yaml is decoded
// into the metadata read from Chart.yaml): fields present in `data` overwrite, absent ones stay.
// Errors (kParse) are sigs.k8s.io/yaml's: "error converting YAML to JSON: yaml: ..." or
// "error unmarshaling JSON: while decoding JSON: json: ...".
Status UnmarshalMetadata(std::string_view data, Metadata* md);

// The same for Chart.lock / requirements.lock into a Lock.
Status UnmarshalLock(std::string_view data, Lock* lock);

// Reads only `apiVersion`, as Helm's top-level loader does to pick the chart API (loader.chartBase).
Result<std::string> DetectApiVersion(std::string_view chart_yaml);

// Lower-level: decodes an already parsed YAML document (sigs.k8s.io/yaml's generic form) into md.
// Returns the encoding/json error text (without the "error unmarshaling JSON: " prefixes).
Status DecodeMetadataValue(const Value& doc, Metadata* md);

// Helm's chartutil.LoadChartfile: reads and decodes a Chart.yaml file (no validation).
Result<Metadata> LoadChartfile(const std::string& filename);

// Helm's chartutil.IsChartDir. Errors: "%q is not a directory", "no Chart.yaml exists in directory %q",
// "invalid chart (Chart.yaml): name must not be empty", decode errors.
Status IsChartDir(const std::string& dir);

// Go's time.Time.UnmarshalJSON acceptance of an RFC 3339 string; on failure returns Go's ParseError
// text ("parsing time \"x\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"").
Status CheckRfc3339(std::string_view s);

}  // namespace helm::chart
