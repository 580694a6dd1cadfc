// libFuzzer target for helm::yaml: every reader must return a value or an error (never crash), every value
// read must be writable by every writer, and JSON must round-trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "helm/yaml/yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto v = helm::yaml::ParseYaml(text);
  if (v.ok()) {
    (void)helm::yaml::ToYaml(*v);
    (void)helm::yaml::MarshalYamlPretty(*v);
    (void)helm::yaml::MarshalToml(*v);
    auto json = helm::yaml::MarshalJson(*v);
    if (!json.ok()) std::abort();  // ParseYaml rejects NaN/Inf, so JSON must always encode
    auto back = helm::yaml::ParseJson(*json);
    if (!back.ok() || !(*back == *v)) std::abort();
  }
  (void)helm::yaml::ParseYamlTyped(text);
  (void)helm::yaml::ParseManifestHead(text);
  for (std::string_view doc : helm::yaml::SplitManifests(text)) (void)helm::yaml::ParseManifestHead(doc);
  auto j = helm::yaml::ParseJson(text);
  if (j.ok()) (void)helm::yaml::MarshalJsonIndent(*j, "", "  ");
  return 0;
}
