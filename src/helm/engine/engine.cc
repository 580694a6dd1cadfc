#include "helm/engine/engine.h"

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <vector>

#include "helm/base/strings.h"
#include "helm/engine/files.h"
#include "helm/funcs/funcs.h"
#include "helm/template/template.h"

namespace helm::engine {
namespace {

constexpr char kWarnStart[] = "HELM_ERR_START";
constexpr char kWarnEnd[] = "HELM_ERR_END";
constexpr int kRecursionMaxNums = 1000;

struct Renderable {
  std::string_view tpl;
  Value vals;  // shared per chart: "Template" is set in it right before each execution, as Helm does
  std::string base_path;
};

std::string_view BaseName(std::string_view p) {
  size_t slash = p.rfind('/');
  return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

std::string JoinPath(const std::string& a, const std::string& b) { return a.empty() ? b : a + "/" + b; }

Value Lookup(const Value& m, std::string_view key) {
  const Value* v = m.Find(key);
  return v == nullptr ? Value() : *v;
}

// Helm's recAllTpls: collects every template of the tree with the scope it renders in, and returns the
// scope of `c` (what the parent sees as .Subcharts.<name>).
Value RecAllTpls(const chart::Chart& c, std::map<std::string, Renderable>* templates, const Value& parent) {
  Value sub_charts = Value::EmptyMap();
  Value meta = chart::MetadataToValue(c);

  Value values = Value::EmptyMap(MapType::kValues);
  const Value parent_values = Lookup(parent, "Values");
  if (c.IsRoot()) {
    values = parent_values;
  } else if (const Value* vs = parent_values.Find(c.Name()); vs != nullptr && vs->is_map()) {
    values = vs->WithMapType(MapType::kValues);
  }

  ValueMap next;
  next["Chart"] = meta;
  next["Files"] = NewFiles(c.files);
  next["Release"] = Lookup(parent, "Release");
  next["Capabilities"] = Lookup(parent, "Capabilities");
  next["Values"] = values;
  next["Subcharts"] = sub_charts;
  Value scope(std::move(next), MapType::kValues);

  for (const chart::Chart& child : c.dependencies) {
    sub_charts.mutable_map()[child.Name()] = RecAllTpls(child, templates, scope);
  }

  const std::string full_path = c.ChartFullPath();
  const bool library = c.metadata.type == "library";
  for (const chart::File& t : c.templates) {
    if (library && !BaseName(t.name).starts_with("_")) continue;
    (*templates)[JoinPath(full_path, t.name)] = Renderable{t.data, scope, JoinPath(full_path, "templates")};
  }
  return scope;
}

size_t CountSlashes(std::string_view s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '/')); }

// Helm parses and executes deeper paths first, then names in reverse byte order.
std::vector<std::string> SortTemplates(const std::map<std::string, Renderable>& templates) {
  std::vector<std::string> keys;
  keys.reserve(templates.size());
  for (const auto& [k, _] : templates) keys.push_back(k);
  std::sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
    size_t ca = CountSlashes(a), cb = CountSlashes(b);
    if (ca != cb) return ca > cb;
    return a > b;
  });
  return keys;
}

void ReplaceNoValue(std::string* s) {
  static constexpr std::string_view kNoValue = "<no value>";
  size_t pos = s->find(kNoValue);
  if (pos == std::string::npos) return;
  std::string out;
  out.reserve(s->size());
  size_t last = 0;
  while (pos != std::string::npos) {
    out.append(*s, last, pos - last);
    last = pos + kNoValue.size();
    pos = s->find(kNoValue, last);
  }
  out.append(*s, last, std::string::npos);
  *s = std::move(out);
}

std::string WarnWrap(const std::string& s) { return kWarnStart + s + kWarnEnd; }

// One level of Helm 4's error trace (engine.TraceableError).
struct Traceable {
  std::string location;
  std::string message;
  std::string executed_function;
  bool operator==(const Traceable&) const = default;
  std::string String() const {
    std::string out;
    if (!location.empty()) out += location + "\n  ";
    if (!executed_function.empty()) out += executed_function + "\n    ";
    if (!message.empty()) out += message + "\n";
    return out;
  }
};

std::string CutAtTemplate(std::string msg) {
  size_t cut = msg.find(" template:");
  if (cut != std::string::npos) msg.resize(cut);
  return msg;
}

// Parses one error text of the chain. *wrapped receives the text of the error it wraps (Go's %w in
// "error calling NAME: %w"), or is cleared when it wraps nothing.
bool ParseTraceable(const std::string& s, Traceable* out, std::string* wrapped) {
  wrapped->clear();
  static constexpr std::string_view kPrefix = "template: ";
  if (!std::string_view(s).starts_with(kPrefix)) return false;
  std::string remainder = s.substr(kPrefix.size());
  if (remainder.starts_with("no template ")) {
    *out = Traceable{"", s, ""};
    return true;
  }
  size_t exec = remainder.find(": executing ");
  if (exec != std::string::npos) {
    std::string location = remainder.substr(0, exec);
    std::string after = remainder.substr(exec + 12);
    if (!after.empty() && after[0] == '"') {
      size_t end_quote = after.find('"', 1);
      if (end_quote != std::string::npos) {
        std::string function = after.substr(1, end_quote - 1);
        std::string after_func = after.substr(end_quote + 1);
        if (after_func.starts_with(" at <")) {
          std::string after_at = after_func.substr(5);
          size_t sep = after_at.find(">: ");
          if (sep != std::string::npos) {
            std::string node = after_at.substr(0, sep);
            std::string full = after_at.substr(sep + 3);
            if (full.starts_with("error calling ")) {
              size_t colon = full.find(": ", 14);
              if (colon != std::string::npos) *wrapped = full.substr(colon + 2);
            }
            *out = Traceable{location, CutAtTemplate(full), "executing \"" + function + "\" at <" + node + ">:"};
            return true;
          }
        }
      }
    }
    return false;
  }
  size_t sep = remainder.rfind(": ");
  if (sep != std::string::npos) {
    *out = Traceable{remainder.substr(0, sep), CutAtTemplate(remainder.substr(sep + 2)), ""};
    return true;
  }
  return false;
}

std::vector<std::string> SplitN3(const std::string& s) {
  std::vector<std::string> tokens;
  size_t start = 0;
  while (tokens.size() < 2) {
    size_t p = s.find(": ", start);
    if (p == std::string::npos) break;
    tokens.push_back(s.substr(start, p - start));
    start = p + 2;
  }
  tokens.push_back(s.substr(start));
  return tokens;
}

// A function error that the template executor must frame as "error calling NAME: <text>" even though the
// text is itself a framed template error (Go wraps nested include/tpl errors this way).
Status Nested(const Status& st) { return Status(Code::kInvalidArgument, st.message()); }

// `include NAME DATA`: executes a named template of `set` into a string. Helm counts nested includes per
// name and stops past kRecursionMaxNums.
tmpl::Func IncludeFunc(const tmpl::TemplateSet* set, std::shared_ptr<std::unordered_map<std::string, int>> counts) {
  using tmpl::ArgType;
  return tmpl::Func{{ArgType::kString, ArgType::kAny}, false,
                    [set, counts](std::span<const Value> args, const tmpl::CallInfo&) -> Result<Value> {
                      const std::string& name = args[0].as_string();
                      int& depth = (*counts)[name];
                      if (depth > kRecursionMaxNums) {
                        return Error(Code::kExecution, "rendering template has a nested reference name: " + name +
                                                           ": unable to execute template");
                      }
                      if (!set->Has(name)) {
                        return Error(Code::kNotFound, "template: no template " + GoQuote(name) +
                                                          " associated with template \"gotpl\"");
                      }
                      ++depth;
                      std::string out;
                      Status st = set->Execute(name, args[1], &out);
                      --(*counts)[name];
                      if (!st.ok()) return Nested(st);
                      return Value(std::move(out));
                    }};
}

Result<std::shared_ptr<const tmpl::TemplateSet>> ParseTpl(const tmpl::TemplateSet* set,
                                                          std::shared_ptr<std::unordered_map<std::string, int>> counts,
                                                          const std::string& text);

// Parsed `tpl` texts by text: charts call tpl on the same few strings many times, and a parse depends only
// on the text and the (unchanging) parent set.
using TplCache = std::unordered_map<std::string, std::shared_ptr<const tmpl::TemplateSet>>;

// `tpl TEXT DATA`: parses TEXT as the template "gotpl" in an overlay of `set` (Helm clones the whole set)
// and executes it with DATA. `cache` may be null (no caching).
tmpl::Func TplFunc(const tmpl::TemplateSet* set, std::shared_ptr<std::unordered_map<std::string, int>> counts,
                   std::shared_ptr<TplCache> cache = nullptr) {
  using tmpl::ArgType;
  return tmpl::Func{
      {ArgType::kString, ArgType::kAny}, false,
      [set, counts, cache](std::span<const Value> args, const tmpl::CallInfo&) -> Result<Value> {
        const std::string& text = args[0].as_string();
        std::shared_ptr<const tmpl::TemplateSet> parsed;
        if (cache) {
          if (auto it = cache->find(text); it != cache->end()) parsed = it->second;
        }
        if (parsed == nullptr) {
          HELM_ASSIGN_OR_RETURN(parsed, ParseTpl(set, counts, text));
          if (cache) cache->emplace(text, parsed);
        }
        std::string out;
        Status st = parsed->Execute("gotpl", args[1], &out);
        if (!st.ok()) {
          return Error(Code::kExecution,
                       "error during tpl function execution for " + GoQuote(text) + ": " + st.message());
        }
        ReplaceNoValue(&out);
        return Value(std::move(out));
      }};
}

// Parses a tpl text into an overlay of `set`.
Result<std::shared_ptr<const tmpl::TemplateSet>> ParseTpl(const tmpl::TemplateSet* set,
                                                          std::shared_ptr<std::unordered_map<std::string, int>> counts,
                                                          const std::string& text) {
  std::shared_ptr<tmpl::TemplateSet> overlay = set->NewOverlay();
  // Templates defined by the text are visible to include/tpl only in the clone, so the clone gets its
  // own; re-binding the functions costs a copy of the function map, so only when the text can define.
  if (text.find("define") != std::string::npos || text.find("block") != std::string::npos) {
    tmpl::FuncMap bound;
    bound["include"] = IncludeFunc(overlay.get(), counts);
    bound["tpl"] = TplFunc(overlay.get(), counts);
    overlay->AddFuncs(bound);
  }
  Status st = overlay->Parse("gotpl", text);
  if (!st.ok()) {
    return Error(Code::kExecution, "cannot parse template " + GoQuote(text) + ": " + st.message());
  }
  return std::shared_ptr<const tmpl::TemplateSet>(std::move(overlay));
}

}  // namespace

std::string ReformatParseError(const std::string& filename, const std::string& message) {
  std::vector<std::string> tokens = Split(message, ": ");
  if (tokens.size() == 1) return "parse error in (" + filename + "): " + message;
  return "parse error at (" + tokens[1] + "): " + tokens.back();
}

std::string ReformatExecError(const std::string& filename, const std::string& message) {
  std::vector<std::string> tokens = SplitN3(message);
  if (tokens.size() != 3) return "execution error in (" + filename + "): " + message;
  const std::string& location = tokens[1];
  size_t ws = tokens[2].find(kWarnStart);
  if (ws != std::string::npos) {
    size_t we = tokens[2].rfind(kWarnEnd);
    if (we != std::string::npos && we >= ws + sizeof(kWarnStart) - 1) {
      size_t begin = ws + sizeof(kWarnStart) - 1;
      return "execution error at (" + location + "): " + tokens[2].substr(begin, we - begin);
    }
  }
  std::vector<Traceable> trace;
  std::string current = message;
  while (!current.empty()) {
    Traceable t;
    std::string wrapped;
    if (!ParseTraceable(current, &t, &wrapped)) return message;
    if (trace.empty() || !(trace.back() == t)) trace.push_back(std::move(t));
    current = std::move(wrapped);
  }
  std::string out;
  for (const Traceable& t : trace) out += t.String();
  return std::string(TrimSpace(out));
}

Result<std::map<std::string, std::string>> Render(const chart::Chart& chart, const Value& render_values,
                                                  const EngineOptions& options) {
  std::map<std::string, Renderable> templates;
  RecAllTpls(chart, &templates, render_values);

  tmpl::Options topts;
  topts.missing_key = options.strict ? tmpl::MissingKey::kError : tmpl::MissingKey::kZero;
  auto set = std::make_unique<tmpl::TemplateSet>(topts);
  tmpl::TemplateSet* t = set.get();

  tmpl::FuncMap fm = funcs::AllFuncMap();
  using tmpl::ArgType;
  auto included = std::make_shared<std::unordered_map<std::string, int>>();

  fm["include"] = IncludeFunc(t, included);
  fm["tpl"] = TplFunc(t, included, std::make_shared<TplCache>());

  const bool lint = options.lint_mode;
  const values::LogFn log = options.log;
  fm["required"] = tmpl::Func{{ArgType::kString, ArgType::kAny}, false,
                              [lint, log](std::span<const Value> args, const tmpl::CallInfo&) -> Result<Value> {
                                const Value& val = args[1];
                                const std::string& warn = args[0].as_string();
                                if (val.is_null() || (val.is_string() && val.as_string().empty())) {
                                  if (lint) {
                                    // Helm's two branches word the message differently.
                                    values::Log(log, "WARN",
                                                val.is_null() ? "missing required value" : "missing required values",
                                                {{"message", warn}});
                                    return Value("");
                                  }
                                  return Error(Code::kExecution, WarnWrap(warn));
                                }
                                return val;
                              }};
  fm["fail"] = tmpl::Func{{ArgType::kString}, false,
                          [lint, log](std::span<const Value> args, const tmpl::CallInfo&) -> Result<Value> {
                            if (lint) {
                              values::Log(log, "INFO", "funcMap fail", {{"message", args[0].as_string()}});
                              return Value("");
                            }
                            return Error(Code::kExecution, WarnWrap(args[0].as_string()));
                          }};
  // helm template has no cluster: lookup finds nothing.
  fm["lookup"] = tmpl::Func{{ArgType::kString, ArgType::kString, ArgType::kString, ArgType::kString}, false,
                            [](std::span<const Value>, const tmpl::CallInfo&) -> Result<Value> {
                              return Value::EmptyMap();
                            }};
  if (!options.enable_dns) {
    fm["getHostByName"] = tmpl::Func{{ArgType::kString}, false,
                                     [](std::span<const Value>, const tmpl::CallInfo&) -> Result<Value> {
                                       return Value("");
                                     }};
  }
  set->AddFuncs(fm);

  std::vector<std::string> keys = SortTemplates(templates);
  for (const std::string& name : keys) {
    Status st = set->Parse(name, templates[name].tpl);
    if (!st.ok()) return Error(Code::kParse, ReformatParseError(name, st.message()));
  }

  std::map<std::string, std::string> rendered;
  for (const std::string& name : keys) {
    if (BaseName(name).starts_with("_")) continue;
    Renderable& r = templates[name];
    ValueMap tmpl_info;
    tmpl_info["Name"] = Value(name);
    tmpl_info["BasePath"] = Value(r.base_path);
    r.vals.mutable_map()["Template"] = Value(std::move(tmpl_info), MapType::kValues);
    std::string out;
    Status st = set->Execute(name, r.vals, &out);
    if (!st.ok()) {
      if (st.code() != Code::kExecution) return st;
      return Error(Code::kExecution, ReformatExecError(name, st.message()));
    }
    ReplaceNoValue(&out);
    rendered.emplace(name, std::move(out));
  }
  return rendered;
}

}  // namespace helm::engine
