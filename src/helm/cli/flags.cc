#include "helm/cli/flags.h"

#include <algorithm>

#include "helm/base/strings.h"

namespace helm::cli {
namespace {

bool ParseGoBool(std::string_view s, bool* out) {
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") {
    *out = true;
    return true;
  }
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") {
    *out = false;
    return true;
  }
  return false;
}

// encoding/csv reading of one record, as pflag's stringSlice does: fields separated by commas, optional
// double quotes with "" as an escaped quote.
bool ReadCsvRecord(std::string_view s, std::vector<std::string>* out) {
  if (s.empty()) return true;
  size_t i = 0;
  while (true) {
    std::string field;
    if (i < s.size() && s[i] == '"') {
      ++i;
      while (true) {
        if (i >= s.size()) return false;
        if (s[i] == '"') {
          if (i + 1 < s.size() && s[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += s[i++];
      }
      if (i < s.size() && s[i] != ',') return false;
    } else {
      size_t end = s.find(',', i);
      if (end == std::string_view::npos) end = s.size();
      field = std::string(s.substr(i, end - i));
      i = end;
    }
    out->push_back(std::move(field));
    if (i >= s.size()) return true;
    ++i;  // the comma
  }
}

std::string ShownName(const FlagSpec& spec) {
  if (spec.shorthand) return std::string("-") + spec.shorthand + ", --" + spec.name;
  return "--" + spec.name;
}

}  // namespace

void FlagSet::Add(FlagSpec spec) {
  if (spec.type == FlagType::kBool && spec.no_opt_default.empty()) spec.no_opt_default = "true";
  specs_.push_back(std::move(spec));
}

void FlagSet::AddAll(const FlagSet& other) {
  for (const FlagSpec& s : other.specs_) {
    if (Lookup(s.name) == nullptr) specs_.push_back(s);
  }
}

const FlagSpec* FlagSet::Lookup(std::string_view name) const {
  for (const FlagSpec& s : specs_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const FlagSpec* FlagSet::LookupShorthand(char c) const {
  for (const FlagSpec& s : specs_) {
    if (s.shorthand == c) return &s;
  }
  return nullptr;
}

Status FlagSet::Set(const FlagSpec& spec, std::string_view value, std::string_view shown_name) {
  auto invalid = [&](const std::string& why) {
    return Error(Code::kInvalidArgument, "invalid argument " + GoQuote(value) + " for " + GoQuote(ShownName(spec)) +
                                             " flag: " + why);
  };
  if (!spec.deprecated.empty()) {
    deprecation_warnings_.push_back("Flag --" + spec.name + " has been deprecated, " + spec.deprecated);
  }
  if (spec.validate) {
    if (Status st = spec.validate(value); !st.ok()) return invalid(st.message());
  }
  switch (spec.type) {
    case FlagType::kBool: {
      bool b;
      if (!ParseGoBool(value, &b)) {
        return invalid("strconv.ParseBool: parsing " + GoQuote(value) + ": invalid syntax");
      }
      values_[spec.name] = {b ? "true" : "false"};
      return OkStatus();
    }
    case FlagType::kStringArray:
    case FlagType::kStringSlice:
    case FlagType::kStringToString: {
      if (spec.type == FlagType::kStringSlice) {
        std::vector<std::string> parts;
        if (!ReadCsvRecord(value, &parts)) return invalid("parse error on line 1: bare \" in non-quoted-field");
      }
      values_[spec.name].emplace_back(value);
      return OkStatus();
    }
    case FlagType::kInt: {
      if (value.empty()) return invalid("strconv.ParseInt: parsing \"\": invalid syntax");
      size_t i = (value[0] == '-' || value[0] == '+') ? 1 : 0;
      if (i == value.size()) return invalid("strconv.ParseInt: parsing " + GoQuote(value) + ": invalid syntax");
      for (; i < value.size(); ++i) {
        if (value[i] < '0' || value[i] > '9') {
          return invalid("strconv.ParseInt: parsing " + GoQuote(value) + ": invalid syntax");
        }
      }
      values_[spec.name] = {std::string(value)};
      return OkStatus();
    }
    default:
      values_[spec.name] = {std::string(value)};
      return OkStatus();
  }
}

Status FlagSet::Parse(const std::vector<std::string>& args, std::vector<std::string>* positional) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 2 || a[0] != '-') {
      positional->push_back(a);
      continue;
    }
    if (a[1] == '-') {
      if (a.size() == 2) {  // "--": everything after is positional
        for (++i; i < args.size(); ++i) positional->push_back(args[i]);
        return OkStatus();
      }
      std::string_view body = std::string_view(a).substr(2);
      if (body[0] == '-' || body[0] == '=') {
        return Error(Code::kInvalidArgument, "bad flag syntax: " + a);
      }
      size_t eq = body.find('=');
      std::string name(body.substr(0, eq));
      const FlagSpec* spec = Lookup(name);
      if (spec == nullptr) return Error(Code::kInvalidArgument, "unknown flag: --" + name);
      std::string value;
      if (eq != std::string_view::npos) {
        value = std::string(body.substr(eq + 1));
      } else if (!spec->no_opt_default.empty()) {
        value = spec->no_opt_default;
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return Error(Code::kInvalidArgument, "flag needs an argument: " + a);
      }
      HELM_RETURN_IF_ERROR(Set(*spec, value, "--" + name));
      continue;
    }
    // Shorthands, possibly combined: -abc, -nvalue, -n=value, -n value.
    std::string_view rest = std::string_view(a).substr(1);
    while (!rest.empty()) {
      char c = rest[0];
      const FlagSpec* spec = LookupShorthand(c);
      if (spec == nullptr) {
        return Error(Code::kInvalidArgument,
                     std::string("unknown shorthand flag: '") + c + "' in -" + std::string(rest));
      }
      std::string value;
      if (rest.size() > 1 && rest[1] == '=') {
        value = std::string(rest.substr(2));
        rest = {};
      } else if (!spec->no_opt_default.empty()) {
        value = spec->no_opt_default;
        rest.remove_prefix(1);
      } else if (rest.size() > 1) {
        value = std::string(rest.substr(1));
        rest = {};
      } else if (i + 1 < args.size()) {
        value = args[++i];
        rest = {};
      } else {
        return Error(Code::kInvalidArgument,
                     std::string("flag needs an argument: '") + c + "' in -" + std::string(rest));
      }
      HELM_RETURN_IF_ERROR(Set(*spec, value, std::string("-") + c));
    }
  }
  return OkStatus();
}

FlagSpec Spec(std::string name, char shorthand, FlagType type, std::string usage) {
  FlagSpec s;
  s.name = std::move(name);
  s.shorthand = shorthand;
  s.type = type;
  s.usage = std::move(usage);
  return s;
}

std::string FlagSet::FlagUsages() const {
  std::vector<const FlagSpec*> sorted;
  for (const FlagSpec& s : specs_) {
    if (!s.hidden) sorted.push_back(&s);
  }
  std::sort(sorted.begin(), sorted.end(), [](const FlagSpec* a, const FlagSpec* b) { return a->name < b->name; });
  std::vector<std::pair<std::string, std::string>> lines;
  size_t maxlen = 0;
  for (const FlagSpec* s : sorted) {
    std::string line = s->shorthand ? std::string("  -") + s->shorthand + ", --" + s->name : "      --" + s->name;
    std::string varname = s->value_type;
    if (varname.empty()) {
      switch (s->type) {
        case FlagType::kBool: break;
        case FlagType::kString: varname = "string"; break;
        case FlagType::kStringArray: varname = "stringArray"; break;
        case FlagType::kStringSlice: varname = "strings"; break;
        case FlagType::kInt: varname = "int"; break;
        case FlagType::kFloat32: varname = "float32"; break;
        case FlagType::kDuration: varname = "duration"; break;
        case FlagType::kStringToString: varname = "stringToString"; break;
      }
    }
    if (!varname.empty()) line += " " + varname;
    if (!s->no_opt_default.empty()) {
      if (s->type == FlagType::kString && s->value_type.empty()) {
        line += "[=\"" + s->no_opt_default + "\"]";
      } else if (s->type != FlagType::kBool || s->no_opt_default != "true") {
        line += "[=" + s->no_opt_default + "]";
      }
    }
    maxlen = std::max(maxlen, line.size() + 1);
    std::string usage = s->usage;
    if (!s->help_default.empty()) usage += " (default " + s->help_default + ")";
    if (!s->deprecated.empty()) usage += " (DEPRECATED: " + s->deprecated + ")";
    lines.emplace_back(std::move(line), std::move(usage));
  }
  std::string out;
  for (const auto& [prefix, usage] : lines) {
    out += prefix + " " + std::string(maxlen - prefix.size(), ' ') + " " + usage + "\n";
  }
  return out;
}

bool FlagSet::GetBool(std::string_view name) const {
  auto it = values_.find(std::string(name));
  if (it != values_.end()) return it->second.back() == "true";
  const FlagSpec* s = Lookup(name);
  return s != nullptr && s->default_value == "true";
}

std::string FlagSet::GetString(std::string_view name) const {
  auto it = values_.find(std::string(name));
  if (it != values_.end()) return it->second.back();
  const FlagSpec* s = Lookup(name);
  return s == nullptr ? "" : s->default_value;
}

std::vector<std::string> FlagSet::GetStrings(std::string_view name) const {
  std::vector<std::string> out;
  auto it = values_.find(std::string(name));
  if (it == values_.end()) return out;
  const FlagSpec* s = Lookup(name);
  for (const std::string& v : it->second) {
    if (s != nullptr && s->type == FlagType::kStringSlice) {
      ReadCsvRecord(v, &out);
    } else {
      out.push_back(v);
    }
  }
  return out;
}

}  // namespace helm::cli
