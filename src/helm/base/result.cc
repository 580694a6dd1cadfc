#include "helm/base/result.h"

namespace helm {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kInvalidArgument: return "invalid_argument";
    case Code::kNotFound: return "not_found";
    case Code::kParse: return "parse";
    case Code::kExecution: return "execution";
    case Code::kIo: return "io";
    case Code::kAlreadyExists: return "already_exists";
    case Code::kPermission: return "permission";
    case Code::kTimeout: return "timeout";
    case Code::kConflict: return "conflict";
    case Code::kUnavailable: return "unavailable";
    case Code::kUnsupported: return "unsupported";
    case Code::kInternal: return "internal";
  }
  return "unknown";
}

}  // namespace helm
