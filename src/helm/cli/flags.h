// A small cobra/pflag-compatible flag parser: long and shorthand flags, --flag=value and --flag value,
// bool flags with optional =value, repeated string arrays, comma-separated string slices, `--` ending
// flags, flags interspersed with positional arguments, and pflag's error texts.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"

namespace helm::cli {

enum class FlagType {
  kBool,           // "bool"
  kString,         // "string"
  kStringArray,    // "stringArray": each occurrence is one element
  kStringSlice,    // "strings": each occurrence is split as a CSV record
  kInt,            // "int"
  kFloat32,        // "float32"
  kDuration,       // "duration"
  kStringToString, // "stringToString": k=v,k2=v2
};

struct FlagSpec {
  std::string name;
  char shorthand = 0;
  FlagType type = FlagType::kString;
  std::string default_value;  // as printed in help, "" when none
  std::string no_opt_default; // value used when given without "=value" (bools: "true")
  std::string usage;
  std::string value_type;     // type name shown in help when it differs from the type's own name
  std::string help_default;   // what help prints in "(default X)", e.g. "\"client\"", "5m0s"; "" for none
  std::string deprecated;     // when set, using the flag prints "Flag --NAME has been deprecated, MSG"
  bool hidden = false;
  // Optional check of a value (pflag's Value.Set); its error message becomes the "why" of
  // "invalid argument \"V\" for \"--flag\" flag: <why>".
  std::function<Status(std::string_view value)> validate;
};

class FlagSet {
 public:
  void Add(FlagSpec spec);
  // Shorthands for Add.
  void Add(std::string name, FlagType type, char shorthand = 0, std::string default_value = "",
           std::string no_opt_default = "") {
    FlagSpec s;
    s.name = std::move(name);
    s.type = type;
    s.shorthand = shorthand;
    s.default_value = std::move(default_value);
    s.no_opt_default = std::move(no_opt_default);
    Add(std::move(s));
  }
  const FlagSpec* Lookup(std::string_view name) const;
  const FlagSpec* LookupShorthand(char c) const;
  const std::vector<FlagSpec>& specs() const { return specs_; }

  // Parses args; positional arguments are appended to *positional. Errors: kInvalidArgument with pflag's
  // messages ("unknown flag: --x", "unknown shorthand flag: 'x' in -x", "flag needs an argument: --x",
  // "invalid argument \"v\" for \"--x\" flag: ...").
  Status Parse(const std::vector<std::string>& args, std::vector<std::string>* positional);

  // Flags given on the command line that are deprecated, as cobra's warnings
  // ("Flag --force has been deprecated, use --force-replace instead"), in order of use.
  const std::vector<std::string>& deprecation_warnings() const { return deprecation_warnings_; }

  // pflag's FlagUsages: one line per visible flag, sorted by name, usages aligned.
  std::string FlagUsages() const;

  // Merges the flags of `other` (persistent flags of a parent) into this set; existing names win.
  void AddAll(const FlagSet& other);

  bool Changed(std::string_view name) const { return values_.count(std::string(name)) > 0; }
  bool GetBool(std::string_view name) const;
  std::string GetString(std::string_view name) const;
  // kStringArray: one element per occurrence; kStringSlice: every occurrence split on commas (CSV).
  std::vector<std::string> GetStrings(std::string_view name) const;

 private:
  Status Set(const FlagSpec& spec, std::string_view value, std::string_view shown_name);
  std::vector<FlagSpec> specs_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> deprecation_warnings_;
};

// Builds a FlagSpec (the common fields); set the others on the result.
FlagSpec Spec(std::string name, char shorthand, FlagType type, std::string usage);

}  // namespace helm::cli
