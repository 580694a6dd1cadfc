// File-system helpers returning Result. Paths are plain std::string; no global state.
#pragma once

#include <string>
#include <vector>

#include "helm/base/result.h"

namespace helm {

// Reads a whole file. kNotFound when it does not exist, kIo on other failures.
Result<std::string> ReadFile(const std::string& path);

// Writes `data` to `path` through a temporary file in the same directory and a rename, so readers never
// see a partial file and a failure leaves nothing behind. Creates missing parent directories.
Status WriteFileAtomic(const std::string& path, std::string_view data, int mode = 0644);

bool PathExists(const std::string& path);
bool IsDirectory(const std::string& path);

// Joins path segments with '/', collapsing duplicate separators at the joints.
std::string JoinPath(std::string_view a, std::string_view b);

}  // namespace helm
