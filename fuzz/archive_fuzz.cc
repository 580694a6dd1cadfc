// Fuzzes chart archive loading: gzip + tar parsing with Helm's path and size checks, then the chart
// loader (Chart.yaml/Chart.lock decoding, validation, nested subchart archives). Inputs are whole .tgz
// files; a valid chart archive makes a good seed.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "helm/chart/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  helm::chart::LoadOptions opts;
  opts.log = nullptr;
  (void)helm::chart::LoadArchive(bytes, opts);
  return 0;
}
