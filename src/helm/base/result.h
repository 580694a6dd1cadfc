// Result<T> and Status: the error model of every public function in libhelm.
//
// A Status carries a Code (what callers branch on) and a message (what users read, in Helm's words).
// Result<T> holds either a value or a non-OK Status. Exceptions never cross a module boundary.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace helm {

enum class Code {
  kOk = 0,
  kInvalidArgument,  // bad user input: flags, values, chart files
  kNotFound,         // missing file, chart, release, key
  kParse,            // a template, YAML or JSON document that does not parse
  kExecution,        // a template that fails while executing (includes `fail` and `required`)
  kIo,               // file system or network failure
  kAlreadyExists,
  kPermission,
  kTimeout,
  kConflict,
  kUnavailable,
  kUnsupported,
  kInternal,
};

// Returns a stable lower-case name for a code ("not_found"), for logs and tests.
const char* CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "<context>: <message>", as Go's fmt.Errorf("%s: %w") does.
  Status Wrap(const std::string& context) const {
    return Status(code_, context + ": " + message_);
  }

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

inline Status OkStatus() { return Status(); }
inline Status Error(Code code, std::string message) { return Status(code, std::move(message)); }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}                 // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {           // NOLINT
    assert(!std::get<Status>(v_).ok() && "Result built from an OK status");
  }

  bool ok() const { return v_.index() == 0; }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<1>(v_);
  }
  Code code() const { return status().code(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace helm

#define HELM_CONCAT_INNER_(a, b) a##b
#define HELM_CONCAT_(a, b) HELM_CONCAT_INNER_(a, b)

// HELM_RETURN_IF_ERROR(expr): expr yields a Status; returns it from the caller when not OK.
#define HELM_RETURN_IF_ERROR(expr)                 \
  do {                                             \
    ::helm::Status helm_status_ = (expr);          \
    if (!helm_status_.ok()) return helm_status_;   \
  } while (0)

// HELM_ASSIGN_OR_RETURN(lhs, expr): expr yields a Result<T>; on error returns its Status, else
// assigns the value to lhs (which may be a declaration: `auto x`).
#define HELM_ASSIGN_OR_RETURN(lhs, expr) \
  HELM_ASSIGN_OR_RETURN_IMPL_(HELM_CONCAT_(helm_result_, __LINE__), lhs, expr)
#define HELM_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
