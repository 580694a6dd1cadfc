// Sprig's list, dict, default and reflection functions.
#include <algorithm>
#include <cmath>

#include "helm/funcs/internal.h"

namespace helm::funcs::internal {
namespace {

// Resolves a Sprig `list interface{}` argument: a slice, or Go's error for other kinds. `what` completes
// "Cannot <what> on type KIND" style messages via `fmt`.
Result<const ValueList*> ListArg(const Value& v, Value* holder, const std::string& prefix,
                                 const std::string& suffix = "") {
  if (v.is_null()) return Fail(std::string(kNilDeref));
  if (const ValueList* l = SliceElems(v, holder)) return l;
  return Fail(prefix + KindName(v) + suffix);
}

Value List(ValueList l) { return Value(std::move(l)); }

bool InList(const ValueList& haystack, const Value& needle) {
  for (const Value& h : haystack) {
    if (h == needle) return true;
  }
  return false;
}

// dario.cat/mergo's map merge as Sprig's merge/mergeOverwrite use it (in place on dst).
void MergeInto(ValueMap& dst, const ValueMap& src, bool overwrite) {
  for (const auto& [key, sv] : src) {
    auto it = dst.find(key);
    if (sv.is_null()) {
      if (overwrite) dst[key] = Value();
      continue;
    }
    if (sv.is_map()) {
      if (it != dst.end() && it->second.is_map() && !it->second.as_map().empty()) {
        MergeInto(it->second.mutable_map(), sv.as_map(), overwrite);
        continue;
      }
      if (it == dst.end() || overwrite || Empty(it->second)) dst[key] = sv;
      continue;
    }
    if (it == dst.end() || overwrite || Empty(it->second)) dst[key] = sv;
  }
}

std::string GoTypeForAssert(const Value& v) {
  if (v.is_null()) return "nil";
  return v.TypeName();
}

Result<Value> Dig(const ValueMap& dict, const Value& def, std::span<const std::string> keys) {
  auto it = dict.find(keys[0]);
  if (it == dict.end()) return def;
  if (keys.size() == 1) return it->second;
  const Value& step = it->second;
  if (!step.is_map() || step.map_type() != MapType::kInterface) {
    return Fail("interface conversion: interface {} is " + GoTypeForAssert(step) +
                ", not map[string]interface {}");
  }
  return Dig(step.as_map(), def, keys.subspan(1));
}

}  // namespace

void RegisterLists(FuncMap& m) {
  using A = ArgType;
  const auto kAny = A::kAny;
  auto list = [](Args a, const CallInfo&) -> Result<Value> { return List(ValueList(a.begin(), a.end())); };
  Def(m, "list", {kAny}, list, true);
  Def(m, "tuple", {kAny}, list, true);

  auto push = [](Args a, const CallInfo&) -> Result<Value> {
    Value h;
    HELM_ASSIGN_OR_RETURN(const ValueList* l, ListArg(a[0], &h, "Cannot push on type "));
    ValueList out(*l);
    out.push_back(a[1]);
    return List(std::move(out));
  };
  for (const char* n : {"push", "append", "mustPush", "mustAppend"}) Def(m, n, {kAny, kAny}, push);
  auto prepend = [](Args a, const CallInfo&) -> Result<Value> {
    Value h;
    HELM_ASSIGN_OR_RETURN(const ValueList* l, ListArg(a[0], &h, "Cannot prepend on type "));
    ValueList out;
    out.reserve(l->size() + 1);
    out.push_back(a[1]);
    out.insert(out.end(), l->begin(), l->end());
    return List(std::move(out));
  };
  Def(m, "prepend", {kAny, kAny}, prepend);
  Def(m, "mustPrepend", {kAny, kAny}, prepend);
  auto chunk = [](Args a, const CallInfo&) -> Result<Value> {
    Value h;
    HELM_ASSIGN_OR_RETURN(const ValueList* l, ListArg(a[1], &h, "Cannot chunk type "));
    int64_t size = a[0].as_int();
    int64_t len = static_cast<int64_t>(l->size());
    double csf = std::floor(static_cast<double>(len - 1) / static_cast<double>(size)) + 1;
    if (!std::isfinite(csf) || csf < 0) return Fail("runtime error: makeslice: len out of range");
    int64_t cs = static_cast<int64_t>(csf);
    ValueList out;
    for (int64_t i = 0; i < cs; ++i) {
      int64_t clen = size;
      if (i == cs - 1) {
        clen = static_cast<int64_t>(std::floor(std::fmod(static_cast<double>(len), static_cast<double>(size))));
        if (clen == 0) clen = size;
      }
      if (clen < 0) return Fail("runtime error: makeslice: len out of range");
      ValueList c;
      for (int64_t j = 0; j < clen; ++j) {
        int64_t ix = i * size + j;
        if (ix < 0 || ix >= len) {
          return Fail("reflect: slice index out of range");
        }
        c.push_back((*l)[ix]);
      }
      out.push_back(List(std::move(c)));
    }
    return List(std::move(out));
  };
  Def(m, "chunk", {A::kInt, kAny}, chunk);
  Def(m, "mustChunk", {A::kInt, kAny}, chunk);
  auto last = [](Args a, const CallInfo&) -> Result<Value> {
    Value h;
    HELM_ASSIGN_OR_RETURN(const ValueList* l, ListArg(a[0], &h, "Cannot find last on type "));
    if (l->empty()) return Value();
    return l->back();
  };
  Def(m, "last", {kAny}, last);
  Def(m, "mustLast", {kAny}, last);
  auto first = [](Args a, const CallInfo&) -> Result<Value> {
    Value h;
    HELM_ASSIGN_OR_RETURN(const ValueList* l, ListArg(a[0], &h, "Cannot find first on type "));
    if (l->empty()) return Value();
    return l->front();
  };
  Def(m, "first", {kAny}, first);
  Def(m, "mustFirst", {kAny}, first);
  auto rest = [](Args a, const CallInfo&) -> Result<Value> {
    Value h;
    HELM_ASSIGN_OR_RETURN(const ValueList* l, ListArg(a[0], &h, "Cannot find rest on type "));
    if (l->empty()) return List({});
    return List(ValueList(l->begin() + 1, l->end()));
  };
  Def(m, "rest", {kAny}, rest);
  Def(m, "mustRest", {kAny}, rest);
  auto initial = [](Args a, const CallInfo&) -> Result<Value> {
    Value h;
    HELM_ASSIGN_OR_RETURN(const ValueList* l, ListArg(a[0], &h, "Cannot find initial on type "));
    if (l->empty()) return List({});
    return List(ValueList(l->begin(), l->end() - 1));
  };
  Def(m, "initial", {kAny}, initial);
  Def(m, "mustInitial", {kAny}, initial);
  auto reverse = [](Args a, const CallInfo&) -> Result<Value> {
    Value h;
    HELM_ASSIGN_OR_RETURN(const ValueList* l, ListArg(a[0], &h, "Cannot find reverse on type "));
    return List(ValueList(l->rbegin(), l->rend()));
  };
  Def(m, "reverse", {kAny}, reverse);
  Def(m, "mustReverse", {kAny}, reverse);
  auto compact = [](Args a, const CallInfo&) -> Result<Value> {
    Value h;
    HELM_ASSIGN_OR_RETURN(const ValueList* l, ListArg(a[0], &h, "Cannot compact on type "));
    ValueList out;
    for (const Value& v : *l) {
      if (!Empty(v)) out.push_back(v);
    }
    return List(std::move(out));
  };
  Def(m, "compact", {kAny}, compact);
  Def(m, "mustCompact", {kAny}, compact);
  auto uniq = [](Args a, const CallInfo&) -> Result<Value> {
    Value h;
    HELM_ASSIGN_OR_RETURN(const ValueList* l, ListArg(a[0], &h, "Cannot find uniq on type "));
    ValueList out;
    for (const Value& v : *l) {
      if (!InList(out, v)) out.push_back(v);
    }
    return List(std::move(out));
  };
  Def(m, "uniq", {kAny}, uniq);
  Def(m, "mustUniq", {kAny}, uniq);
  auto without = [](Args a, const CallInfo&) -> Result<Value> {
    Value h;
    HELM_ASSIGN_OR_RETURN(const ValueList* l, ListArg(a[0], &h, "Cannot find without on type "));
    ValueList omit(a.begin() + 1, a.end());
    ValueList out;
    for (const Value& v : *l) {
      if (!InList(omit, v)) out.push_back(v);
    }
    return List(std::move(out));
  };
  Def(m, "without", {kAny, kAny}, without, true);
  Def(m, "mustWithout", {kAny, kAny}, without, true);
  auto has = [](Args a, const CallInfo&) -> Result<Value> {
    if (a[1].is_null()) return Value(false);
    Value h;
    HELM_ASSIGN_OR_RETURN(const ValueList* l, ListArg(a[1], &h, "Cannot find has on type "));
    return Value(InList(*l, a[0]));
  };
  Def(m, "has", {kAny, kAny}, has);
  Def(m, "mustHas", {kAny, kAny}, has);
  auto slice = [](Args a, const CallInfo&) -> Result<Value> {
    Value h;
    HELM_ASSIGN_OR_RETURN(const ValueList* l,
                          ListArg(a[0], &h, "list should be type of slice or array but "));
    int64_t len = static_cast<int64_t>(l->size());
    if (len == 0) return Value();
    int64_t start = a.size() > 1 ? ToInt64(a[1]) : 0;
    int64_t end = a.size() > 2 ? ToInt64(a[2]) : len;
    if (start < 0 || end < start || end > len) return Fail("reflect.Value.Slice: slice index out of bounds");
    ListType t = a[0].is_list() ? a[0].list_type() : ListType::kInterface;
    return Value(ValueList(l->begin() + start, l->begin() + end), t);
  };
  Def(m, "slice", {kAny, kAny}, slice, true);
  Def(m, "mustSlice", {kAny, kAny}, slice, true);
  Def(
      m, "concat", {kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        ValueList out;
        for (const Value& v : a) {
          Value h;
          HELM_ASSIGN_OR_RETURN(const ValueList* l, ListArg(v, &h, "Cannot concat type ", " as list"));
          out.insert(out.end(), l->begin(), l->end());
        }
        return List(std::move(out));
      },
      true);
}

void RegisterDicts(FuncMap& m) {
  using A = ArgType;
  const auto kS = A::kString;
  const auto kM = A::kMap;
  const auto kAny = A::kAny;
  Def(
      m, "dict", {kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        ValueMap d;
        for (size_t i = 0; i < a.size(); i += 2) {
          std::string key = Strval(a[i]);
          d[key] = i + 1 < a.size() ? a[i + 1] : Value("");
        }
        return Value(std::move(d));
      },
      true);
  Def(m, "get", {kM, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    if (a[0].is_map()) {
      if (const Value* v = a[0].Find(a[1].as_string())) return *v;
    }
    return Value("");
  });
  Def(m, "set", {kM, kS, kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    if (!a[0].is_map()) return Fail("assignment to entry in nil map");
    a[0].mutable_map()[a[1].as_string()] = a[2];
    return a[0].WithMapType(MapType::kInterface);
  });
  Def(m, "unset", {kM, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    if (!a[0].is_map()) return Value(ValueMap{});
    a[0].mutable_map().erase(a[1].as_string());
    return a[0].WithMapType(MapType::kInterface);
  });
  Def(m, "hasKey", {kM, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(a[0].is_map() && a[0].Find(a[1].as_string()) != nullptr);
  });
  Def(
      m, "pluck", {kS, kM},
      [](Args a, const CallInfo&) -> Result<Value> {
        ValueList out;
        for (size_t i = 1; i < a.size(); ++i) {
          if (!a[i].is_map()) continue;
          if (const Value* v = a[i].Find(a[0].as_string())) out.push_back(*v);
        }
        return List(std::move(out));
      },
      true);
  Def(
      m, "keys", {kM},
      [](Args a, const CallInfo&) -> Result<Value> {
        std::vector<std::string> out;
        for (const Value& d : a) {
          if (!d.is_map()) continue;
          for (const auto& [k, v] : d.as_map()) out.push_back(k);
        }
        return StringList(std::move(out));
      },
      true);
  Def(
      m, "pick", {kM, kS},
      [](Args a, const CallInfo&) -> Result<Value> {
        ValueMap out;
        if (a[0].is_map()) {
          for (size_t i = 1; i < a.size(); ++i) {
            if (const Value* v = a[0].Find(a[i].as_string())) out[a[i].as_string()] = *v;
          }
        }
        return Value(std::move(out));
      },
      true);
  Def(
      m, "omit", {kM, kS},
      [](Args a, const CallInfo&) -> Result<Value> {
        ValueMap out;
        if (a[0].is_map()) {
          for (const auto& [k, v] : a[0].as_map()) {
            bool drop = false;
            for (size_t i = 1; i < a.size() && !drop; ++i) drop = a[i].as_string() == k;
            if (!drop) out[k] = v;
          }
        }
        return Value(std::move(out));
      },
      true);
  auto merge = [](bool overwrite) {
    return [overwrite](Args a, const CallInfo&) -> Result<Value> {
      Value dst = a[0];
      if (!dst.is_map()) dst = Value(ValueMap{});
      for (size_t i = 1; i < a.size(); ++i) {
        if (a[i].is_map()) MergeInto(dst.mutable_map(), a[i].as_map(), overwrite);
      }
      return dst.WithMapType(MapType::kInterface);
    };
  };
  Def(m, "merge", {kM, kM}, merge(false), true);
  Def(m, "mustMerge", {kM, kM}, merge(false), true);
  Def(m, "mergeOverwrite", {kM, kM}, merge(true), true);
  Def(m, "mustMergeOverwrite", {kM, kM}, merge(true), true);
  Def(m, "values", {kM}, [](Args a, const CallInfo&) -> Result<Value> {
    ValueList out;
    if (a[0].is_map()) {
      for (const auto& [k, v] : a[0].as_map()) out.push_back(v);
    }
    return List(std::move(out));
  });
  auto deep_copy = [](Args a, const CallInfo&) -> Result<Value> { return a[0].DeepCopy(); };
  Def(m, "deepCopy", {kAny}, deep_copy);
  Def(m, "mustDeepCopy", {kAny}, deep_copy);
  Def(
      m, "dig", {kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        if (a.size() < 3) return Fail("dig needs at least three arguments");
        const Value& d = a[a.size() - 1];
        if (!d.is_map() || d.map_type() != MapType::kInterface) {
          return Fail("interface conversion: interface {} is " + GoTypeForAssert(d) +
                      ", not map[string]interface {}");
        }
        std::vector<std::string> keys;
        for (size_t i = 0; i + 2 < a.size(); ++i) {
          if (!a[i].is_string()) {
            return Fail("interface conversion: interface {} is " + GoTypeForAssert(a[i]) + ", not string");
          }
          keys.push_back(a[i].as_string());
        }
        return Dig(d.as_map(), a[a.size() - 2], keys);
      },
      true);
}

void RegisterDefaults(FuncMap& m) {
  using A = ArgType;
  const auto kAny = A::kAny;
  Def(
      m, "default", {kAny, kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        if (a.size() < 2 || Empty(a[1])) return a[0];
        return a[1];
      },
      true);
  Def(m, "empty", {kAny}, [](Args a, const CallInfo&) -> Result<Value> { return Value(Empty(a[0])); });
  Def(
      m, "coalesce", {kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        for (const Value& v : a) {
          if (!Empty(v)) return v;
        }
        return Value();
      },
      true);
  Def(
      m, "all", {kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        for (const Value& v : a) {
          if (Empty(v)) return Value(false);
        }
        return Value(true);
      },
      true);
  Def(
      m, "any", {kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        for (const Value& v : a) {
          if (!Empty(v)) return Value(true);
        }
        return Value(false);
      },
      true);
  Def(m, "ternary", {kAny, kAny, A::kBool}, [](Args a, const CallInfo&) -> Result<Value> {
    return a[2].as_bool() ? a[0] : a[1];
  });
  // Reflection.
  Def(m, "typeOf", {kAny}, [](Args a, const CallInfo&) -> Result<Value> { return Value(a[0].TypeName()); });
  Def(m, "typeIs", {A::kString, kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(a[0].as_string() == a[1].TypeName());
  });
  Def(m, "typeIsLike", {A::kString, kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    std::string t = a[1].TypeName();
    return Value(a[0].as_string() == t || "*" + a[0].as_string() == t);
  });
  Def(m, "kindOf", {kAny}, [](Args a, const CallInfo&) -> Result<Value> { return Value(KindName(a[0])); });
  Def(m, "kindIs", {A::kString, kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(a[0].as_string() == KindName(a[1]));
  });
  Def(m, "deepEqual", {kAny, kAny}, [](Args a, const CallInfo&) -> Result<Value> { return Value(a[0] == a[1]); });
}

}  // namespace helm::funcs::internal
