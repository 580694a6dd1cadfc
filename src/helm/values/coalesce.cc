#include "helm/values/coalesce.h"

#include <memory>
#include <set>
#include <string>

#include "helm/base/strings.h"
#include "helm/values/internal.h"

namespace helm::values {
namespace {

constexpr std::string_view kGlobalKey = "global";

using MapPtr = std::shared_ptr<ValueMap>;

bool IsTable(const Value& v) { return v.is_map(); }

std::string ConcatPrefix(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  std::string out(a);
  out.push_back('.');
  out.append(b);
  return out;
}

void Printf(const LogFn& log, std::string_view msg) { Log(log, "INFO", msg); }

// Go's fmt for a non-bool operand of %t: %!t(TYPE=VALUE), or %!t(<nil>).
std::string BadVerbT(const Value& v) {
  if (v.is_null()) return "%!t(<nil>)";
  return "%!t(" + v.TypeName() + "=" + internal::FormatGo(v) + ")";
}

void CleanNilValues(ValueMap& m) {
  for (auto it = m.begin(); it != m.end();) {
    if (it->second.is_null()) {
      it = m.erase(it);
    } else {
      if (it->second.is_map()) CleanNilValues(it->second.mutable_map());
      ++it;
    }
  }
}

void CoalesceTablesFullKey(const LogFn& log, ValueMap& dst, ValueMap& src, const std::string& prefix,
                           bool merge) {
  if (&dst == &src) return;  // a map merged onto itself is unchanged
  std::set<std::string, std::less<>> src_non_nil;
  for (const auto& [k, v] : src) {
    if (!v.is_null()) src_non_nil.insert(k);
  }
  for (const auto& [k, v] : dst) {
    if (v.is_null()) src.insert_or_assign(k, Value());
  }
  for (auto& [key, val] : src) {
    std::string full_key = ConcatPrefix(prefix, key);
    auto it = dst.find(key);
    if (it != dst.end() && !merge && it->second.is_null() && src_non_nil.count(key)) {
      dst.erase(it);
    } else if (it == dst.end()) {
      dst.emplace(key, val);
    } else if (IsTable(val)) {
      if (IsTable(it->second)) {
        CoalesceTablesFullKey(log, it->second.mutable_map(), val.mutable_map(), full_key, merge);
      } else {
        Printf(log, "warning: cannot overwrite table with non table for " + full_key + " (" +
                        internal::FormatGo(val) + ")");
      }
    } else if (IsTable(it->second) && !val.is_null()) {
      Printf(log, "warning: destination for " + full_key + " is a table. Ignoring non-table value (" +
                      internal::FormatGo(val) + ")");
    }
  }
}

bool ChildChartMergeTrue(const chart::Chart& c, std::string_view key, bool merge) {
  for (const chart::Chart& sub : c.dependencies) {
    if (sub.Name() == key) return true;
  }
  return merge;
}

void CoalesceValuesOf(const LogFn& log, const chart::Chart& c, ValueMap& v, const std::string& prefix,
                      bool merge) {
  std::string sub_prefix = ConcatPrefix(prefix, c.Name());
  if (!c.values.is_map()) return;
  Value copy = c.values.DeepCopy();
  for (auto& [key, val] : copy.mutable_map()) {
    auto it = v.find(key);
    if (it != v.end()) {
      if (it->second.is_null() && !merge) {
        v.erase(it);
      } else if (it->second.is_map()) {
        if (!val.is_map()) {
          if (!val.is_null()) {
            Printf(log, "warning: skipped value for " + sub_prefix + "." + key + ": Not a table.");
          }
        } else {
          bool child_merge = ChildChartMergeTrue(c, key, merge);
          if (!child_merge) CleanNilValues(val.mutable_map());
          CoalesceTablesFullKey(log, it->second.mutable_map(), val.mutable_map(), ConcatPrefix(sub_prefix, key),
                                child_merge);
        }
      }
    } else {
      if (!merge) {
        if (val.is_null()) continue;
        if (val.is_map()) CleanNilValues(val.mutable_map());
      }
      v.emplace(key, val);
    }
  }
}

void CoalesceGlobals(const LogFn& log, ValueMap& dest, ValueMap& src, const std::string& prefix) {
  MapPtr dg, sg;
  if (auto it = dest.find(kGlobalKey); it == dest.end()) {
    dg = std::make_shared<ValueMap>();
  } else if (it->second.is_map()) {
    dg = it->second.map_ptr();
  } else {
    Printf(log, "warning: skipping globals because destination global is not a table.");
    return;
  }
  if (auto it = src.find(kGlobalKey); it == src.end()) {
    sg = std::make_shared<ValueMap>();
  } else if (it->second.is_map()) {
    sg = it->second.map_ptr();
  } else {
    Printf(log, "warning: skipping globals because source global is not a table.");
    return;
  }
  for (const auto& [key, val] : *sg) {
    if (IsTable(val)) {
      // A shallow copy, as Helm's copyMap: nested maps stay shared with the parent's globals.
      Value vv(ValueMap(val.as_map()));
      auto dit = dg->find(key);
      if (dit == dg->end()) {
        dg->emplace(key, vv);
      } else if (!dit->second.is_map()) {
        Printf(log, "Conflict: cannot merge map onto non-map for " + GoQuote(key) + ". Skipping.");
      } else {
        CoalesceTablesFullKey(log, vv.mutable_map(), dit->second.mutable_map(), ConcatPrefix(prefix, key), true);
        dit->second = vv;
      }
    } else if (auto dit = dg->find(key); dit != dg->end() && IsTable(dit->second)) {
      Printf(log, "key " + key + " is table. Skipping");
    } else {
      dg->insert_or_assign(key, val);
    }
  }
  dest.insert_or_assign(std::string(kGlobalKey), Value(dg));
}

Status Coalesce(const LogFn& log, const chart::Chart& c, ValueMap& dest, const std::string& prefix, bool merge);

Status CoalesceDeps(const LogFn& log, const chart::Chart& c, ValueMap& dest, const std::string& prefix,
                    bool merge) {
  for (const chart::Chart& sub : c.dependencies) {
    const std::string& name = sub.Name();
    auto it = dest.find(name);
    if (it == dest.end()) {
      it = dest.emplace(name, Value::EmptyMap()).first;
    } else if (!IsTable(it->second)) {
      return Error(Code::kInvalidArgument, "type mismatch on " + name + ": " + BadVerbT(it->second));
    }
    MapPtr dv = it->second.map_ptr();
    std::string sub_prefix = ConcatPrefix(prefix, c.Name());
    CoalesceGlobals(log, *dv, dest, sub_prefix);
    HELM_RETURN_IF_ERROR(Coalesce(log, sub, *dv, sub_prefix, merge));
  }
  return OkStatus();
}

Status Coalesce(const LogFn& log, const chart::Chart& c, ValueMap& dest, const std::string& prefix, bool merge) {
  CoalesceValuesOf(log, c, dest, prefix, merge);
  return CoalesceDeps(log, c, dest, prefix, merge);
}

Result<Value> Run(const chart::Chart& c, const Value& user, const LogFn& log, bool merge) {
  Value copy = user.is_map() ? user.DeepCopy() : Value::EmptyMap();
  copy = copy.WithMapType(MapType::kValues);
  HELM_RETURN_IF_ERROR(Coalesce(log, c, copy.mutable_map(), "", merge));
  return copy;
}

// Run's copy restricted to the entries Coalesce(c, ...) writes into: CoalesceValuesOf touches the chart's
// own keys, CoalesceDeps the dependencies' names (and reads, then copies from, "global").
Result<Value> RunShared(const chart::Chart& c, const Value& user, const LogFn& log) {
  if (!user.is_map()) return Run(c, user, log, false);
  ValueMap top(user.as_map());
  auto copy_entry = [&top](std::string_view key) {
    if (auto it = top.find(key); it != top.end()) it->second = it->second.DeepCopy();
  };
  if (c.values.is_map()) {
    for (const auto& [key, val] : c.values.as_map()) copy_entry(key);
  }
  for (const chart::Chart& sub : c.dependencies) copy_entry(sub.Name());
  copy_entry(kGlobalKey);
  Value copy(std::move(top), MapType::kValues);
  HELM_RETURN_IF_ERROR(Coalesce(log, c, copy.mutable_map(), "", false));
  return copy;
}

Value Tables(Value dst, const Value& src, const LogFn& log, bool merge) {
  if (!src.is_map()) return dst;
  if (!dst.is_map()) return src;
  CoalesceTablesFullKey(log, dst.mutable_map(), src.mutable_map(), "", merge);
  return dst;
}

}  // namespace

Result<Value> CoalesceValues(const chart::Chart& chart, const Value& user_values, const LogFn& log) {
  return Run(chart, user_values, log, false);
}

Result<Value> CoalesceValuesShared(const chart::Chart& chart, const Value& user_values, const LogFn& log) {
  return RunShared(chart, user_values, log);
}

Result<Value> MergeChartValues(const chart::Chart& chart, const Value& user_values, const LogFn& log) {
  return Run(chart, user_values, log, true);
}

Value CoalesceTables(Value dst, const Value& src, const LogFn& log) { return Tables(std::move(dst), src, log, false); }
Value MergeTables(Value dst, const Value& src, const LogFn& log) { return Tables(std::move(dst), src, log, true); }

}  // namespace helm::values
