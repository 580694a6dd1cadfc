// The *semver.Version template object and Sprig's semver functions, over helm/base/semver.h.
#include "helm/funcs/semver.h"

#include "helm/funcs/internal.h"

namespace helm::funcs {
namespace {


// *semver.Version as a template object.
// `is_value` marks a semver.Version (not a pointer), as IncMajor & co. return: Go's templates cannot call
// the pointer-receiver methods (Original, Compare, LessThan, ...) on it.
class VersionObject : public Object {
 public:
  VersionObject(SemVersion v, bool is_value) : v_(std::move(v)), is_value_(is_value) {}
  std::string TypeName() const override { return is_value_ ? "semver.Version" : "*semver.Version"; }
  std::string KindName() const override { return is_value_ ? "struct" : "ptr"; }
  std::string Format() const override { return v_.String(); }
  bool HasMethod(std::string_view n) const override {
    if (is_value_ && (n == "Original" || n == "Compare" || n == "LessThan" || n == "GreaterThan" || n == "Equal" ||
                      n == "LessThanEqual" || n == "GreaterThanEqual")) {
      return false;
    }
    static const char* kMethods[] = {"Major", "Minor", "Patch", "Prerelease", "Metadata", "Original", "String",
                                     "IncMajor", "IncMinor", "IncPatch", "Compare", "LessThan", "GreaterThan",
                                     "Equal", "LessThanEqual", "GreaterThanEqual", "SetPrerelease", "SetMetadata"};
    for (const char* m : kMethods) {
      if (n == m) return true;
    }
    return false;
  }
  Result<Value> CallMethod(std::string_view n, std::span<const Value> args) const override {
    auto want = [&](size_t k) -> Status {
      if (args.size() != k) {
        return Error(Code::kExecution, "wrong number of args for " + std::string(n) + ": want " + std::to_string(k) +
                                           " got " + std::to_string(args.size()));
      }
      return OkStatus();
    };
    auto other = [&]() -> Result<const SemVersion*> {
      HELM_RETURN_IF_ERROR(want(1));
      if (args[0].is_object()) {
        auto* o = dynamic_cast<const VersionObject*>(&args[0].as_object());
        if (o != nullptr && !o->is_value_) return &o->v_;
      }
      return Error(Code::kExecution,
                   "wrong type for value; expected *semver.Version; got " + args[0].TypeName());
    };
    if (n == "Compare" || n == "LessThan" || n == "GreaterThan" || n == "Equal" || n == "LessThanEqual" ||
        n == "GreaterThanEqual") {
      HELM_ASSIGN_OR_RETURN(const SemVersion* o, other());
      int c = v_.Compare(*o);
      if (n == "Compare") return Value::Int(c);
      if (n == "LessThan") return Value(c < 0);
      if (n == "GreaterThan") return Value(c > 0);
      if (n == "Equal") return Value(c == 0);
      if (n == "LessThanEqual") return Value(c <= 0);
      return Value(c >= 0);
    }
    if (n == "SetPrerelease" || n == "SetMetadata") {
      HELM_RETURN_IF_ERROR(want(1));
      if (!args[0].is_string()) {
        return Error(Code::kExecution, "wrong type for value; expected string; got " + args[0].TypeName());
      }
      SemVersion next = v_;
      const std::string& s = args[0].as_string();
      if (!s.empty()) {
        Status st = n == "SetPrerelease" ? ValidateSemverPrerelease(s) : ValidateSemverMetadata(s);
        if (!st.ok()) return Error(Code::kExecution, st.message());
      }
      (n == "SetPrerelease" ? next.pre : next.metadata) = s;
      next.original = VPrefix() + next.String();
      return Wrap(std::move(next), true);
    }
    HELM_RETURN_IF_ERROR(want(0));
    if (n == "Major") return Value::Int(static_cast<int64_t>(v_.major), IntType::kUint64);
    if (n == "Minor") return Value::Int(static_cast<int64_t>(v_.minor), IntType::kUint64);
    if (n == "Patch") return Value::Int(static_cast<int64_t>(v_.patch), IntType::kUint64);
    if (n == "Prerelease") return Value(v_.pre);
    if (n == "Metadata") return Value(v_.metadata);
    if (n == "Original") return Value(v_.original);
    if (n == "String") return Value(v_.String());
    SemVersion next = v_;
    next.metadata.clear();
    if (n == "IncPatch") {
      if (v_.pre.empty()) ++next.patch;
      next.pre.clear();
    } else if (n == "IncMinor") {
      next.pre.clear();
      next.patch = 0;
      ++next.minor;
    } else if (n == "IncMajor") {
      next.pre.clear();
      next.patch = next.minor = 0;
      ++next.major;
    }
    next.original = VPrefix() + next.String();
    return Wrap(std::move(next), true);
  }

  static Value Wrap(SemVersion v, bool is_value) {
    return Value(std::shared_ptr<const Object>(std::make_shared<VersionObject>(std::move(v), is_value)));
  }

 private:
  std::string VPrefix() const { return !v_.original.empty() && v_.original[0] == 'v' ? "v" : ""; }
  SemVersion v_;
  bool is_value_;
};

}  // namespace

Value MakeSemVersionValue(SemVersion v) { return VersionObject::Wrap(std::move(v), false); }

namespace internal {

void RegisterSemver(FuncMap& m) {
  Def(m, "semverCompare", {ArgType::kString, ArgType::kString}, [](Args a, const CallInfo&) -> Result<Value> {
    auto c = SemConstraints::Parse(a[0].as_string());
    if (!c.ok()) return Fail(c.status().message());
    auto v = ParseSemVersion(a[1].as_string());
    if (!v.ok()) return Fail(v.status().message());
    return Value(c->Check(*v));
  });
  Def(m, "semver", {ArgType::kString}, [](Args a, const CallInfo&) -> Result<Value> {
    auto v = ParseSemVersion(a[0].as_string());
    if (!v.ok()) return Fail(v.status().message());
    return MakeSemVersionValue(std::move(*v));
  });
}

}  // namespace internal
}  // namespace helm::funcs
