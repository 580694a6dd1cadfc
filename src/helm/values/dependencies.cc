#include "helm/values/dependencies.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "helm/base/strings.h"
#include "helm/values/coalesce.h"
#include "helm/values/internal.h"
#include "helm/base/semver.h"

namespace helm::values {
namespace {

bool Matches(const chart::Chart& existing, const chart::Dependency& req) {
  return existing.Name() == req.name && IsCompatibleRange(req.version, existing.metadata.version);
}

void ProcessTags(std::vector<chart::Dependency>& reqs, const Value& cvals, const LogFn& log) {
  Result<Value> vt = Table(cvals, "tags");
  if (!vt.ok()) return;
  for (chart::Dependency& r : reqs) {
    bool has_true = false, has_false = false;
    for (const std::string& k : r.tags) {
      const Value* b = vt->Find(k);
      if (b == nullptr) continue;
      if (b->is_bool()) {
        (b->as_bool() ? has_true : has_false) = true;
      } else {
        Log(log, "WARN", "returned non-bool value", {{"tag", k}, {"chart", r.name}});
      }
    }
    if (!has_true && has_false) {
      r.enabled = false;
    } else if (has_true || (!has_true && !has_false)) {
      r.enabled = true;
    }
  }
}

void ProcessConditions(std::vector<chart::Dependency>& reqs, const Value& cvals, const std::string& cpath,
                       const LogFn& log) {
  for (chart::Dependency& r : reqs) {
    for (const std::string& c : Split(TrimSpace(r.condition), ",")) {
      if (c.empty()) continue;
      Result<Value> vv = PathValue(cvals, cpath + c);
      if (!vv.ok()) continue;  // only "is not a value" errors are possible here
      if (vv->is_bool()) {
        r.enabled = vv->as_bool();
        break;
      }
      Log(log, "WARN", "returned non-bool value", {{"path", c}, {"chart", r.name}});
    }
  }
}

Status ProcessEnabled(chart::Chart* c, const Value& v, const std::string& path, const LogFn& log) {
  std::vector<chart::Dependency>& reqs = c->metadata.dependencies;
  if (reqs.empty()) return OkStatus();

  // Which subchart each entry takes (Helm's getAliasDependency: the first match), and how often each
  // subchart is taken, so that the last taker can move it instead of copying.
  std::vector<chart::Chart>& existing = c->dependencies;
  std::vector<int> taken_by(reqs.size(), -1);
  std::vector<int> uses(existing.size(), 0);
  for (size_t r = 0; r < reqs.size(); ++r) {
    if (reqs[r].is_null) continue;
    for (size_t i = 0; i < existing.size(); ++i) {
      if (Matches(existing[i], reqs[r])) {
        taken_by[r] = static_cast<int>(i);
        ++uses[i];
        break;
      }
    }
  }
  std::vector<chart::Chart> deps;
  for (size_t i = 0; i < existing.size(); ++i) {
    bool matched = false;
    for (const chart::Dependency& req : reqs) matched = matched || Matches(existing[i], req);
    if (!matched) deps.push_back(std::move(existing[i]));
  }
  for (size_t r = 0; r < reqs.size(); ++r) {
    if (reqs[r].is_null) continue;
    if (int i = taken_by[r]; i >= 0) {
      chart::Chart out = --uses[i] == 0 ? std::move(existing[i]) : existing[i];
      if (!reqs[r].alias.empty()) out.metadata.name = reqs[r].alias;
      deps.push_back(std::move(out));
    }
    if (!reqs[r].alias.empty()) reqs[r].name = reqs[r].alias;
  }
  c->SetDependencies(std::move(deps));

  for (chart::Dependency& r : reqs) r.enabled = true;
  // cvals is only read here and by the recursion below (which copies what it coalesces into).
  HELM_ASSIGN_OR_RETURN(Value cvals, CoalesceValuesShared(*c, v, log));
  ProcessTags(reqs, cvals, log);
  ProcessConditions(reqs, cvals, path, log);

  std::set<std::string, std::less<>> removed;
  for (const chart::Dependency& r : reqs) {
    if (!r.enabled) removed.insert(r.name);
  }
  std::vector<chart::Chart> kept;
  for (chart::Chart& d : c->dependencies) {
    if (!removed.count(d.Name())) kept.push_back(std::move(d));
  }
  std::vector<chart::Dependency> kept_reqs;
  for (chart::Dependency& r : reqs) {
    if (!removed.count(r.name)) kept_reqs.push_back(std::move(r));
  }
  for (chart::Chart& t : kept) {
    HELM_RETURN_IF_ERROR(ProcessEnabled(&t, cvals, path + t.Name() + ".", log));
  }
  c->metadata.dependencies = std::move(kept_reqs);
  c->SetDependencies(std::move(kept));
  return OkStatus();
}

// Helm's pathToMap: wraps data in one map per dotted segment ("." keeps it as is).
Value PathToMap(const std::string& path, Value data) {
  if (path == ".") return data;
  std::vector<std::string> parts = Split(path, ".");
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    ValueMap m;
    m.emplace(*it, std::move(data));
    data = Value(std::move(m));
  }
  return data;
}

// Values.AsMap: an empty table becomes a fresh map.
Value AsMap(const Value& v) { return v.as_map().empty() ? Value::EmptyMap() : v; }

Status ProcessImportValues(chart::Chart* c, const LogFn& log) {
  if (c->metadata.dependencies.empty()) return OkStatus();
  HELM_ASSIGN_OR_RETURN(Value cvals, MergeChartValues(*c, Value(), log));
  Value b = Value::EmptyMap();
  for (chart::Dependency& r : c->metadata.dependencies) {
    ValueList out;
    for (const Value& riv : r.import_values) {
      if (riv.is_map()) {
        const Value* cv = riv.Find("child");
        const Value* pv = riv.Find("parent");
        std::string child = internal::FormatGo(cv ? *cv : Value());
        std::string parent = internal::FormatGo(pv ? *pv : Value());
        out.push_back(Value(ValueMap{{"child", Value(child)}, {"parent", Value(parent)}}, MapType::kString));
        Result<Value> vv = Table(cvals, r.name + "." + child);
        if (!vv.ok()) {
          Log(log, "WARN", "ImportValues missing table from chart",
              {{"chart", r.name}, {"error", vv.status().message()}});
          continue;
        }
        b = MergeTables(b, PathToMap(parent, AsMap(*vv)), log);
      } else if (riv.is_string()) {
        std::string child = "exports." + riv.as_string();
        out.push_back(Value(ValueMap{{"child", Value(child)}, {"parent", Value(".")}}, MapType::kString));
        Result<Value> vm = Table(cvals, r.name + "." + child);
        if (!vm.ok()) {
          Log(log, "WARN", "ImportValues missing table", {{"error", vm.status().message()}});
          continue;
        }
        b = MergeTables(b, AsMap(*vm), log);
      }
    }
    r.import_values = std::move(out);
  }
  c->values = MergeTables(cvals.DeepCopy().WithMapType(MapType::kInterface), b, log);
  return OkStatus();
}

Status ProcessDependencyImportValues(chart::Chart* c, const LogFn& log) {
  for (chart::Chart& d : c->dependencies) HELM_RETURN_IF_ERROR(ProcessDependencyImportValues(&d, log));
  return ProcessImportValues(c, log);
}

}  // namespace

Result<Value> Table(const Value& v, std::string_view path) {
  Value table = v;
  for (const std::string& n : Split(path, ".")) {
    const Value* next = table.Find(n);
    if (next == nullptr || !next->is_map()) return Error(Code::kNotFound, GoQuote(n) + " is not a table");
    table = *next;
  }
  return table;
}

Result<Value> PathValue(const Value& v, std::string_view path) {
  if (path.empty()) return Error(Code::kInvalidArgument, "YAML path cannot be empty");
  std::vector<std::string> parts = Split(path, ".");
  std::string key = parts.back();
  auto no_value = [&] { return Error(Code::kNotFound, GoQuote(key) + " is not a value"); };
  Value table = v;
  if (parts.size() > 1) {
    parts.pop_back();
    std::string joined;
    for (size_t i = 0; i < parts.size(); ++i) joined += (i ? "." : "") + parts[i];
    Result<Value> t = Table(v, joined);
    if (!t.ok()) return no_value();
    table = *t;
  }
  const Value* found = table.Find(key);
  if (found == nullptr || found->is_map()) return no_value();
  return *found;
}

Status ProcessDependencies(chart::Chart* c, const Value& values, const LogFn& log) {
  HELM_RETURN_IF_ERROR(ProcessEnabled(c, values, "", log));
  return ProcessDependencyImportValues(c, log);
}

}  // namespace helm::values
