// values.schema.json validation (Helm's pkg/chart/common/util/jsonschema.go over
// santhosh-tekuri/jsonschema v6.0.2).
//
// Supported: drafts 4, 6, 7, 2019-09 and 2020-12 (chosen by "$schema"; 2020-12 when absent), boolean
// schemas, type, enum, const, required, properties, patternProperties, additionalProperties,
// propertyNames, min/maxProperties, dependencies, dependentRequired, dependentSchemas, items (array and
// schema forms), additionalItems, prefixItems, contains, min/maxContains, min/maxItems, uniqueItems,
// min/maxLength, pattern (RE2), minimum, maximum, exclusiveMinimum/Maximum (numeric, and draft-4
// booleans), multipleOf (exact decimal arithmetic), allOf, anyOf, oneOf, not, if/then/else,
// unevaluatedProperties (2019-09+), and $ref to "#", "#/json/pointer" (definitions, $defs, ...) or
// "#anchor" within the same document (also spelled with the document's $id or file name).
// Formats are asserted for drafts 4, 6 and 7 (as jsonschema does by default): ipv4, hostname, email
// and uuid with jsonschema's texts; other formats pass.
// Not supported: remote $ref (http, file, urn: an error), $id-relative resolution,
// $dynamicRef/$recursiveRef, unevaluatedItems, the other formats, meta-schema validation of the schema
// itself.
#pragma once

#include <string_view>

#include "helm/base/result.h"
#include "helm/chart/chart.h"
#include "helm/value/value.h"

namespace helm::values {

// Validates one schema document against values. OK when valid; otherwise kInvalidArgument with Helm's
// text: one line per violation, "- at '/path': message", nested causes indented by two spaces per level,
// ending in "\n", e.g.
//   - at '/port': got string, want integer
//   - at '/obj': validation failed
//     - at '/obj': missing property 'b'
// (Helm prints sibling properties in Go's random map order; here they come in key order.) A schema
// that does not parse or compile fails with kParse and the parser's text ("unexpected EOF", ...).
Status ValidateAgainstSingleSchema(const Value& values, std::string_view schema_json);

// ValidateAgainstSchema: the chart's schema against `values` (coalesced), then each subchart's schema
// against values[subchart name] (recursively). The error message concatenates "NAME:\n<violations>"
// blocks; wrap it as Helm does: "values don't meet the specifications of the schema(s) in the following
// chart(s):\n" + message (ToRenderValuesWithSchemaValidation does).
Status ValidateAgainstSchema(const chart::Chart& chart, const Value& values);

// Formats numbers as golang.org/x/text/message's English printer does for %v / %d (used in schema
// messages): 1,000 / 100,000.25 / 2.5×10⁰⁶ / 1×10⁻⁰⁵.
std::string PrinterFloat(double f);
std::string PrinterInt(int64_t i);

}  // namespace helm::values
