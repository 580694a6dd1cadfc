// Go text/template for Helm: lexer, parser and executor with Go's semantics and exact error texts.
//
// Contract summary (details in the comments below):
//  - A TemplateSet holds named templates (files and {{define}} blocks) sharing one FuncMap.
//  - Parse errors are Status{kParse, "template: NAME:LINE: <message>"} exactly as Go prints them.
//  - Execution errors are Status{kExecution, "template: NAME:LINE:COL: executing \"NAME\" at <NODE>: msg"}.
//  - Functions are registered with their Go parameter types so the executor can convert constants and
//    report Go's type errors ("wrong type for value; expected string; got int").
//  - Execution is re-entrant: a function (include, tpl) may call back into the set that is executing.
//  - A parsed TemplateSet may be executed from several threads at once if the functions allow it.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "helm/base/result.h"
#include "helm/value/value.h"

namespace helm::tmpl {

// The Go static type of a function parameter, used for constant conversion and type checks.
enum class ArgType : uint8_t {
  kAny,         // interface{}: anything, nil included
  kString,      // string
  kInt,         // int (Go): accepts int values and integer constants
  kInt64,       // int64
  kFloat64,     // float64: accepts float values and number constants
  kBool,        // bool
  kList,        // []interface{}
  kStringList,  // []string
  kMap,         // map[string]interface{}
  kBytes,       // []byte
};

// What a function receives besides its arguments.
struct CallInfo {
  std::string_view template_name;  // the template executing the call, e.g. "chart/templates/a.yaml"
};

using FuncImpl = std::function<Result<Value>(std::span<const Value> args, const CallInfo& info)>;

struct Func {
  std::vector<ArgType> params;  // with `variadic`, the last entry is the element type of the ...param
  bool variadic = false;
  FuncImpl impl;
  // Error texts from `impl` are printed after "error calling NAME: " like Go does, unless the function
  // returns a Status whose code is kExecution and whose message starts with "template: " (already framed,
  // e.g. from a nested include), which is passed through as is.
};

using FuncMap = std::unordered_map<std::string, Func>;

// missingkey option: what a missing map key yields. Helm uses kZero for rendering ("<no value>" printed,
// later replaced by the engine) and kError for --strict lint.
enum class MissingKey : uint8_t { kDefault, kZero, kError };

struct Options {
  MissingKey missing_key = MissingKey::kDefault;
  // Maximum nesting of {{template}} calls within one Execute before Go's "exceeded maximum template depth
  // (100000)" (a function such as include that calls Execute again starts a new count, as in Go). Deep
  // recursion runs on an internal thread with a large stack, so the Go limit is reachable.
  int max_exec_depth = 100000;
  // Name of the root template in "template: no template \"x\" associated with template \"gotpl\"", the
  // error of Execute for an unknown name (Helm's engine names its root template "gotpl").
  std::string root_name = "gotpl";
  // Helm's common.Values.YAML method (`.Values.YAML`): marshals a Values map as sigs.k8s.io/yaml does,
  // with the trailing newline. Unset: `.Values.YAML` is an ordinary map key. The template module cannot
  // depend on yaml, so the engine supplies it.
  std::function<Result<std::string>(const Value&)> values_yaml = nullptr;
};

class TemplateSet {
 public:
  explicit TemplateSet(Options options = {});
  ~TemplateSet();
  TemplateSet(TemplateSet&&) noexcept;
  TemplateSet& operator=(TemplateSet&&) noexcept;

  // Functions must be added before Parse, as in Go (an unknown function is a parse error:
  // `function "foo" not defined`); execution looks functions up by name, so a later AddFuncs replaces
  // a function for later executions. Builtins (and, or, not, len, index, slice, print, printf, println,
  // html, js, urlquery, call, eq, ne, lt, le, gt, ge) are always present; entries here override them.
  void AddFuncs(const FuncMap& funcs);

  // Parses `text` as the template `name`, adding it and every {{define}} in it to the set. A later
  // definition of a name replaces an earlier one (Go's AddParseTree rules; an empty body never replaces a
  // non-empty one).
  Status Parse(std::string_view name, std::string_view text);

  bool Has(std::string_view name) const;

  // Executes template `name` with dot = data, appending the output to *out (partial output stays on
  // error, as in Go). A null `data` is Go's nil data. Method calls on Objects (value.h): a CallMethod
  // error with Code::kInvalidArgument is reported as is (Go's arity/type errors), any other error as
  // "error calling NAME: MSG". Arguments to methods are passed unconverted (constants as int/float64).
  Status Execute(std::string_view name, const Value& data, std::string* out) const;

  // Creates a child set that sees every template of this set but whose own Parse calls do not change
  // this set (used by Helm's `tpl`). Nothing is copied (O(1)); lookups fall through to the parent, so
  // the parent must outlive the child and must not be Parsed while the child executes. The child shares
  // the parent's functions and options.
  std::unique_ptr<TemplateSet> NewOverlay() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Go's fmt on Values: Sprint (operands separated by a space when neither side is a string), Sprintln,
// and Sprintf with Go's verbs (%v %+v %#v %T %d %s %q %x %X %o %b %e %E %f %F %g %G %t %c %U %%, width,
// precision, flags) including Go's error forms such as "%!d(string=x)" and "%!(EXTRA ...)".
std::string Sprint(std::span<const Value> args);
std::string Sprintln(std::span<const Value> args);
std::string Sprintf(std::string_view format, std::span<const Value> args);
// %v of one value: maps as map[k:v ...] (sorted keys), lists as [a b], nil as <nil>, floats as %g.
std::string FormatValue(const Value& v);

}  // namespace helm::tmpl
